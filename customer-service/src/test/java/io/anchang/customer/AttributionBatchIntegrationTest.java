package io.anchang.customer;

import io.anchang.platform.api.attribution.AttributionBatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flow 1's questions asked together (issue 17): the batch path answers reception-service's own identity only, as the
 * single question does (R-SEC-1); it bounds its input; and it decides each question on its own — one bad question gets
 * its own problem and the others their answers, each by the attribution rules (R-ATT-1, R-ATT-4).
 */
class AttributionBatchIntegrationTest extends SiteIntegrationTest {

    private Map<String, Object> question(String visitId, String phone, Instant at, Map<String, Object> desk) {
        return object("visitId", visitId, "channel", "VISIT", "phone", phone, "at", at.toString(), "receivedBy", rep("A"),
                "actingUser", rep("A"), "statement", object(), "desk", desk);
    }

    private Map<String, Object> byPhone(String phone, int status) {
        return web.post().uri("/api/customers/sites/{site}/customers/search", site).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("phone", phone)).exchange().expectStatus().isEqualTo(status).expectBody(MAP).returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> outcomes(List<Map<String, Object>> questions) {
        Map<String, Object> answered = web.post().uri(AttributionBatch.PATH, site).headers(h -> h.setBearerAuth(ISSUER.receptionToken()))
                .bodyValue(object("questions", questions)).exchange().expectStatus().isOk().expectBody(MAP).returnResult()
                .getResponseBody();
        return (List<Map<String, Object>>) answered.get("outcomes");
    }

    @Test
    @DisplayName("R-ATT-1 R-ATT-4 a batch of questions is decided question by question, in order: new customers go to the up rep, a known one back to its owner")
    @SuppressWarnings("unchecked")
    void eachQuestionOfABatchIsDecidedOnItsOwn() {
        String known = aPhone();
        ownedByB(known);
        Instant now = T0.plus(1, ChronoUnit.DAYS);
        List<Map<String, Object>> questions = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String phone = i == 7 ? known : aPhone();
            phones.add(phone);
            questions.add(question(UUID.randomUUID().toString(), phone, now, desk("A", "A:AVAILABLE", "B:AVAILABLE")));
        }
        List<Map<String, Object>> outcomes = outcomes(questions);

        assertThat(outcomes).hasSize(20);
        for (int i = 0; i < 20; i++) {
            Map<String, Object> outcome = outcomes.get(i);
            Map<String, Object> answer = (Map<String, Object>) outcome.get("answer");
            assertThat(outcome.get("visitId")).isEqualTo(questions.get(i).get("visitId"));
            assertThat(outcome.get("problem")).isNull();
            assertThat(answer.get("visitId")).isEqualTo(questions.get(i).get("visitId"));
            if (i == 7) {
                assertThat(answer.get("ruleId")).isEqualTo("R-ATT-4");
                assertThat(answer.get("servedBy")).isEqualTo(rep("B"));
                assertThat(answer.get("ownerRep")).isEqualTo(rep("B"));
            } else {
                assertThat(answer.get("ruleId")).isEqualTo("R-ATT-1");
                assertThat(answer.get("newCustomer")).isEqualTo(true);
                assertThat(answer.get("ownerRep")).isEqualTo(rep("A"));
                assertThat(byPhone(phones.get(i), 200).get("id")).isEqualTo(answer.get("customerId"));
            }
        }
        assertThat(outcomes.stream().map(o -> ((Map<String, Object>) o.get("answer")).get("archiveNo")))
                .as("R-CUS-2 each new customer its own archive number").doesNotHaveDuplicates();

        // asked again (reception's retry), the same visits are the same answers: nothing applied twice
        List<Map<String, Object>> again = outcomes(questions);
        for (int i = 0; i < 20; i++) {
            assertThat(((Map<String, Object>) again.get(i).get("answer")).get("customerId"))
                    .isEqualTo(((Map<String, Object>) outcomes.get(i).get("answer")).get("customerId"));
        }
    }

    @Test
    @DisplayName("R-SEC-1 one bad question of a batch gets its own problem detail; the others are answered and stored")
    @SuppressWarnings("unchecked")
    void aBadQuestionDoesNotFailTheOthers() {
        Instant now = T0.plus(1, ChronoUnit.DAYS);
        String good1 = aPhone();
        String good2 = aPhone();
        Map<String, Object> tooLong = question(UUID.randomUUID().toString(), aPhone(), now, desk("A", "A:AVAILABLE"));
        tooLong.put("customerName", "名".repeat(51));
        Map<String, Object> badPhone = question(UUID.randomUUID().toString(), "12", now, desk("A", "A:AVAILABLE"));
        Map<String, Object> badActor = question(UUID.randomUUID().toString(), aPhone(), now, desk("A", "A:AVAILABLE"));
        badActor.put("actingUser", "A\"; drop");
        List<Map<String, Object>> outcomes = outcomes(List.of(
                question(UUID.randomUUID().toString(), good1, now, desk("A", "A:AVAILABLE")), tooLong, badPhone, badActor,
                question(UUID.randomUUID().toString(), good2, now, desk("A", "A:AVAILABLE"))));

        assertThat(outcomes).hasSize(5);
        assertThat(outcomes.get(0).get("answer")).isNotNull();
        assertThat(outcomes.get(4).get("answer")).isNotNull();
        for (int i = 1; i <= 3; i++) {
            Map<String, Object> problem = (Map<String, Object>) outcomes.get(i).get("problem");
            assertThat(outcomes.get(i).get("answer")).isNull();
            assertThat(problem.get("status")).isEqualTo(400);
            assertThat((String) problem.get("type")).startsWith("urn:anchang:problem:");
            assertThat((String) problem.get("detail")).isNotBlank();
        }
        assertThat(((Map<String, Object>) outcomes.get(1).get("problem")).get("type")).isEqualTo("urn:anchang:problem:attribution-invalid");
        assertThat(((Map<String, Object>) outcomes.get(3).get("problem")).get("type")).isEqualTo("urn:anchang:problem:acting-user-invalid");
        assertThat(byPhone(good1, 200).get("owner")).isEqualTo(rep("A"));
        assertThat(byPhone(good2, 200).get("owner")).isEqualTo(rep("A"));
        assertThat(byPhone((String) tooLong.get("phone"), 404)).isNotNull();
    }

    @Test
    @DisplayName("R-SEC-1 the batch path refuses a user's token and another service's identity (403), asks for a token (401), and writes nothing")
    void onlyReceptionsIdentityAsksABatch() {
        String phone = aPhone();
        Map<String, Object> batch = object("questions", List.of(question(UUID.randomUUID().toString(), phone,
                T0.plus(90, ChronoUnit.DAYS), desk("A", "A:AVAILABLE"))));
        for (String token : List.of(ISSUER.serviceToken("anchang-reporting", "SVC_REPORTING"), sales("A"), manager(),
                ISSUER.token(rep("A"), List.of("SALES", "ASSISTANT", "MANAGER", "FINANCE"), List.of(site, "*")))) {
            web.post().uri(AttributionBatch.PATH, site).headers(h -> h.setBearerAuth(token)).bodyValue(batch)
                    .exchange().expectStatus().isForbidden()
                    .expectHeader().contentType("application/problem+json");
        }
        web.post().uri(AttributionBatch.PATH, site).bodyValue(batch).exchange().expectStatus().isUnauthorized();
        byPhone(phone, 404);
    }

    @Test
    @DisplayName("R-SEC-1 a batch of more than 50 questions, or of none, is refused whole (400, a problem detail) and writes nothing")
    void anOversizeBatchIsRefusedWhole() {
        List<Map<String, Object>> questions = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < AttributionBatch.MOST + 1; i++) {
            String phone = aPhone();
            phones.add(phone);
            questions.add(question(UUID.randomUUID().toString(), phone, T0, desk("A", "A:AVAILABLE")));
        }
        web.post().uri(AttributionBatch.PATH, site).headers(h -> h.setBearerAuth(ISSUER.receptionToken()))
                .bodyValue(object("questions", questions)).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:attribution-batch-too-large")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("50"));
        web.post().uri(AttributionBatch.PATH, site).headers(h -> h.setBearerAuth(ISSUER.receptionToken()))
                .bodyValue(object("questions", List.of())).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:attribution-batch-empty");
        byPhone(phones.get(0), 404);
        byPhone(phones.get(AttributionBatch.MOST), 404);
    }
}
