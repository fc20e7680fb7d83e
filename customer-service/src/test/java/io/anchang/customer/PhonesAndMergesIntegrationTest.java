package io.anchang.customer;

import io.anchang.platform.api.attribution.AttributionApi;
import io.anchang.customer.application.Customers;
import io.anchang.customer.application.MergingCustomers;
import io.anchang.customer.application.Stored;
import io.anchang.customer.domain.Customer;
import io.anchang.platform.events.Topics;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * R-CUS-3 through customer-service's API: a customer's further phones, and a MANAGER merging two
 * records of one person into the one registered earliest — both histories kept, the absorbed record
 * leading to the survivor, the merge announced and audited, and a merge a crash interrupted finished.
 */
class PhonesAndMergesIntegrationTest extends SiteIntegrationTest {

    @Autowired
    MergingCustomers merging;

    @Autowired
    Customers customers;

    WebTestClient.ResponseSpec addPhone(String token, Object customerId, String phone) {
        return web.post().uri("/api/customers/sites/{site}/customers/{id}/phones", site, customerId)
                .headers(h -> h.setBearerAuth(token)).bodyValue(object("phone", phone)).exchange();
    }

    WebTestClient.ResponseSpec merge(String token, Object customerId, Object other) {
        return web.post().uri("/api/customers/sites/{site}/customers/{id}/merge", site, customerId)
                .headers(h -> h.setBearerAuth(token)).bodyValue(object("other", other, "reason", "客户换了手机号，两份档案是同一人"))
                .exchange();
    }

    Map<String, Object> customer(Object customerId) {
        return web.get().uri("/api/customers/sites/{site}/customers/{id}", site, customerId).headers(h -> h.setBearerAuth(manager()))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    Map<String, Object> byPhone(String phone) {
        return web.post().uri("/api/customers/sites/{site}/customers/search", site).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("phone", phone)).exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    /** A customer A registered as new on {@code day} under another phone: B's customer, not recognised. */
    Map<String, Object> registeredAgainByA(String phone, Instant day) {
        Map<String, Object> again = attribute(phone, day, desk("A", "A:AVAILABLE", "B:AVAILABLE"));
        assertThat(again.get("ownerRep")).isEqualTo(rep("A"));
        return again;
    }

    static String spelledOut(String digits) {
        return "+86 " + digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> view, String field) {
        return (List<Object>) view.get(field);
    }

    Caller managerCaller() {
        return new Caller(site + "-mgr", "经理", Set.of(Role.MANAGER), SiteScope.of(site));
    }

    @Test
    @DisplayName("R-CUS-3 a phone added to a customer in another spelling identifies them: a visit by it finds the customer")
    void anAddedPhoneFindsTheCustomer() {
        Map<String, Object> first = ownedByB(aPhone());
        String second = aPhone();
        Map<String, Object> added = addPhone(sales("B"), first.get("customerId"), spelledOut(second)).expectStatus().isOk()
                .expectBody(MAP).returnResult().getResponseBody();
        assertThat(list(added, "phones")).containsExactly(first.get("phoneMasked"), second.substring(0, 3) + "****" + second.substring(7));

        Map<String, Object> visit = attribute(second.substring(0, 3) + " " + second.substring(3, 7) + " " + second.substring(7),
                T0.plus(1, ChronoUnit.DAYS), desk("A", "A:AVAILABLE", "B:AVAILABLE"));
        assertThat(visit.get("customerId")).isEqualTo(first.get("customerId"));
        assertThat(visit.get("newCustomer")).isEqualTo(false);
        assertThat(visit.get("servedBy")).isEqualTo(rep("B"));
        assertThat(visit.get("ruleId")).isEqualTo("R-ATT-4");
        assertThat(byPhone(second).get("id")).isEqualTo(first.get("customerId"));
        addPhone(supervisor(), first.get("customerId"), second).expectStatus().isOk()
                .expectBody().jsonPath("$.phones.length()").isEqualTo(2);
    }

    @Test
    @DisplayName("R-SEC-4 R-CUS-3 R-SEC-3 an added phone is announced on the customer topic and kept on the site's audit trail, masked, once")
    void anAddedPhoneIsAnnouncedAndAudited() {
        Map<String, Object> first = ownedByB(aPhone());
        String second = aPhone();
        String masked = second.substring(0, 3) + "****" + second.substring(7);
        addPhone(sales("B"), first.get("customerId"), spelledOut(second)).expectStatus().isOk();
        addPhone(sales("B"), first.get("customerId"), second).expectStatus().isOk();

        List<JsonNode> events = TopicProbe.events(Topics.CUSTOMER, "customer.phone-added",
                payload -> payload.path("customerId").asString().equals(first.get("customerId")));
        assertThat(events.get(0).path("version").asInt()).isEqualTo(1);
        JsonNode payload = events.get(0).path("payload");
        assertThat(payload.path("phoneMasked").asString()).isEqualTo(masked);
        assertThat(payload.path("addedBy").asString()).isEqualTo(rep("B"));
        assertThat(payload.toString()).as("R-SEC-3 phones leave masked").contains((String) first.get("phoneMasked"))
                .doesNotContain(second);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/customers/sites/{site}/audit", site)
                .headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.action == 'customer.phone-added')].subject").isEqualTo(List.of(first.get("customerId")))
                .jsonPath("$[?(@.action == 'customer.phone-added')].actor").isEqualTo(List.of(rep("B")))
                .jsonPath("$[?(@.action == 'customer.phone-added')].after").value(after ->
                        assertThat(after.toString()).contains(masked).doesNotContain(second)));
    }

    @Test
    @DisplayName("R-CUS-3 R-SEC-1 only the owner rep, a SUPERVISOR or the MANAGER adds a phone; an impossible number is a 400, an unknown customer a 404")
    void whoMayAddAPhone() {
        Map<String, Object> first = ownedByB(aPhone());
        addPhone(sales("A"), first.get("customerId"), aPhone()).expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:not-owner");
        addPhone(ISSUER.token(rep("X"), "ASSISTANT", site), first.get("customerId"), aPhone()).expectStatus().isForbidden();
        addPhone(manager(), first.get("customerId"), "12345").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:phone-invalid")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("电话号码无效"));
        addPhone(manager(), "no-such-customer", aPhone()).expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:customer-unknown");
        assertThat(list(customer(first.get("customerId")), "phones")).hasSize(1);
    }

    @Test
    @DisplayName("R-CUS-3 a phone of another customer of the site is refused (409) naming that customer's archive number and the merge")
    void aPhoneOfAnotherCustomerIsRefused() {
        Map<String, Object> first = ownedByB(aPhone());
        String theirs = aPhone();
        Map<String, Object> other = registeredAgainByA(theirs, T0.plus(2, ChronoUnit.DAYS));
        addPhone(supervisor(), first.get("customerId"), spelledOut(theirs)).expectStatus().isEqualTo(409)
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:phone-of-another-customer")
                .jsonPath("$.archiveNo").isEqualTo(other.get("archiveNo"))
                .jsonPath("$.customerId").isEqualTo(other.get("customerId"))
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains((String) other.get("archiveNo"))
                        .contains("合并").contains("R-CUS-3"));
        assertThat(list(customer(first.get("customerId")), "phones")).hasSize(1);
        assertThat(byPhone(theirs).get("id")).isEqualTo(other.get("customerId"));
    }

    @Test
    @DisplayName("R-CUS-3 the store itself refuses to give a second customer of the site a phone, whoever wrote first")
    void theStoreKeepsAPhoneToOneCustomer() {
        Map<String, Object> first = ownedByB(aPhone());
        String theirs = aPhone();
        registeredAgainByA(theirs, T0.plus(1, ChronoUnit.DAYS));
        Stored<Customer> stored = customers.byId(SiteScope.of(site), site, (String) first.get("customerId")).block();
        Customer sharing = stored.value().withPhone(Phone.parse(theirs).e164());
        assertThatThrownBy(() -> customers.update(managerCaller(), sharing, stored.version(), List.of()).block())
                .isInstanceOf(Customers.PhoneTaken.class);
        assertThat(list(customer(first.get("customerId")), "phones")).hasSize(1);
    }

    @Test
    @DisplayName("R-CUS-3 R-ATT-1 R-ATT-16 a MANAGER merges two records: the earliest registration survives with both histories, "
            + "the absorbed id and phones find it, a later visit by the absorbed phone goes to the owner, the other rep's claim to the MANAGER")
    @SuppressWarnings("unchecked")
    void aMergeKeepsTheEarliestRegistrationAndBothHistories() {
        String firstPhone = aPhone();
        Map<String, Object> first = ownedByB(firstPhone);
        web.post().uri("/api/customers/sites/{site}/customers/{id}/follow-ups", site, first.get("customerId"))
                .headers(h -> h.setBearerAuth(sales("B"))).bodyValue(object("method", "电话", "note", "约周六看样板间")).exchange()
                .expectStatus().isOk();
        String secondPhone = aPhone();
        Map<String, Object> second = registeredAgainByA(secondPhone, T0.plus(1, ChronoUnit.DAYS));
        attribute(secondPhone, T0.plus(2, ChronoUnit.DAYS), desk("C", "C:AVAILABLE", "A:OUT"));

        // named later record first: the earliest registration survives whichever is in the path
        Map<String, Object> merged = merge(manager(), second.get("customerId"), first.get("archiveNo")).expectStatus().isOk()
                .expectBody(MAP).returnResult().getResponseBody();

        assertThat(merged.get("id")).isEqualTo(first.get("customerId"));
        assertThat(merged.get("archiveNo")).isEqualTo(first.get("archiveNo"));
        assertThat(Instant.parse((String) merged.get("registeredAt"))).isEqualTo(T0);
        assertThat(list(merged, "phones")).containsExactly(first.get("phoneMasked"), second.get("phoneMasked"));
        assertThat((List<Map<String, Object>>) merged.get("visits")).extracting(v -> v.get("visitId"))
                .contains(first.get("visitId"), second.get("visitId")).hasSize(3);
        assertThat(list(merged, "followUps")).hasSize(1);
        assertThat(merged.get("owner")).as("R-ATT-1: the first registration's owner meanwhile").isEqualTo(rep("B"));
        List<Map<String, Object>> disputes = (List<Map<String, Object>>) merged.get("disputes");
        assertThat(disputes).singleElement().satisfies(d -> assertThat((List<String>) d.get("parties")).containsExactly(rep("B"), rep("A")));
        assertThat((List<Map<String, Object>>) merged.get("mergedFrom")).singleElement()
                .satisfies(m -> assertThat(m.get("archiveNo")).isEqualTo(second.get("archiveNo")));
        web.get().uri("/api/customers/sites/{site}/disputes", site).headers(h -> h.setBearerAuth(manager())).exchange()
                .expectBody().jsonPath("$[0].disputeId").isEqualTo(disputes.get(0).get("id"));

        assertThat(customer(second.get("customerId")).get("id")).as("the absorbed id finds the survivor").isEqualTo(first.get("customerId"));
        assertThat(byPhone(spelledOut(secondPhone)).get("id")).as("and so does its phone").isEqualTo(first.get("customerId"));
        Map<String, Object> later = attribute(secondPhone, T0.plus(3, ChronoUnit.DAYS), desk("A", "A:AVAILABLE", "B:AVAILABLE"));
        assertThat(later.get("customerId")).isEqualTo(first.get("customerId"));
        assertThat(later.get("servedBy")).isEqualTo(rep("B"));
        assertThat(later.get("ruleId")).isEqualTo("R-ATT-4");
    }

    @Test
    @DisplayName("R-CUS-3 R-SEC-1 SALES, a SUPERVISOR and another site's MANAGER may not merge (403), and nothing changes")
    void onlyTheSitesManagerMerges() {
        Map<String, Object> first = ownedByB(aPhone());
        Map<String, Object> second = registeredAgainByA(aPhone(), T0.plus(1, ChronoUnit.DAYS));
        Map<String, Object> before = customer(second.get("customerId"));
        for (String token : List.of(sales("B"), supervisor(), ISSUER.token("mgr-elsewhere", "MANAGER", site + "X"))) {
            merge(token, first.get("customerId"), second.get("customerId")).expectStatus().isForbidden()
                    .expectHeader().contentType("application/problem+json");
        }
        Map<String, Object> after = customer(second.get("customerId"));
        assertThat(after.get("id")).isEqualTo(second.get("customerId"));
        assertThat(after.get("visits")).isEqualTo(before.get("visits"));
        assertThat(list(customer(first.get("customerId")), "mergedFrom")).isEmpty();
    }

    @Test
    @DisplayName("R-CUS-3 a merge with itself is a 400, with an unknown record or another site's customer a 404")
    void mergesThatCannotBe() {
        Map<String, Object> first = ownedByB(aPhone());
        merge(manager(), first.get("customerId"), first.get("archiveNo")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:merge-self");
        merge(manager(), first.get("customerId"), site + "-999999").expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:customer-unknown");
        merge(manager(), "no-such-customer", first.get("customerId")).expectStatus().isNotFound();
        String elsewhere = site + "Y";
        Map<String, Object> theirs = web.post().uri(AttributionApi.PATH, elsewhere)
                .headers(h -> h.setBearerAuth(ISSUER.receptionToken()))
                .bodyValue(object("visitId", java.util.UUID.randomUUID().toString(), "channel", "VISIT", "phone", aPhone(),
                        "at", T0.toString(), "receivedBy", elsewhere + "-A", "desk", object("upRep", elsewhere + "-A", "eventMode", false,
                                "reps", List.of(object("userId", elsewhere + "-A", "name", "甲", "status", "AVAILABLE")))))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        merge(manager(), first.get("customerId"), theirs.get("customerId")).expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("R-CUS-3"));
        assertThat(list(customer(first.get("customerId")), "mergedFrom")).isEmpty();
    }

    @Test
    @DisplayName("R-CUS-3 R-SEC-4 the merge is announced on the customer topic and kept on the site's audit trail")
    void theMergeIsAnnouncedAndAudited() {
        String firstPhone = aPhone();
        Map<String, Object> first = ownedByB(firstPhone);
        Map<String, Object> second = registeredAgainByA(aPhone(), T0.plus(1, ChronoUnit.DAYS));
        merge(manager(), first.get("customerId"), second.get("customerId")).expectStatus().isOk();

        List<JsonNode> events = TopicProbe.events(Topics.CUSTOMER, "customer.customers-merged",
                payload -> payload.path("absorbedId").asString().equals(second.get("customerId")));
        JsonNode payload = events.get(0).path("payload");
        assertThat(events.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(payload.path("survivorId").asString()).isEqualTo(first.get("customerId"));
        assertThat(payload.path("survivorArchiveNo").asString()).isEqualTo(first.get("archiveNo"));
        assertThat(payload.path("absorbedArchiveNo").asString()).isEqualTo(second.get("archiveNo"));
        assertThat(payload.path("ownerRep").asString()).isEqualTo(rep("B"));
        assertThat(payload.path("absorbedOwnerRep").asString()).isEqualTo(rep("A"));
        assertThat(payload.path("mergedBy").asString()).isEqualTo(site + "-mgr");
        assertThat(payload.path("disputeId").asString()).isNotBlank();
        assertThat(payload.path("phonesMasked").toString()).as("R-SEC-3 phones leave masked")
                .contains((String) first.get("phoneMasked"), (String) second.get("phoneMasked")).doesNotContain(firstPhone);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/customers/sites/{site}/audit", site)
                .headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.action == 'customer.customers-merged')].subject").isEqualTo(List.of(first.get("customerId")))
                .jsonPath("$[?(@.action == 'customer.customers-merged')].actor").isEqualTo(List.of(site + "-mgr"))
                .jsonPath("$[?(@.action == 'customer.customers-merged')].reason").value(reasons ->
                        assertThat(reasons.toString()).contains("客户换了手机号"))
                .jsonPath("$[?(@.action == 'customer.owner-changed' && @.subject == '" + second.get("customerId") + "')].reason")
                .value(reasons -> assertThat(reasons.toString()).contains("R-CUS-3")));
    }

    @Test
    @DisplayName("R-CUS-3 the same merge asked again, either way round or by archive number, changes nothing")
    void theSameMergeAgainChangesNothing() {
        Map<String, Object> first = ownedByB(aPhone());
        Map<String, Object> second = registeredAgainByA(aPhone(), T0.plus(1, ChronoUnit.DAYS));
        Map<String, Object> once = merge(manager(), first.get("customerId"), second.get("customerId")).expectStatus().isOk()
                .expectBody(MAP).returnResult().getResponseBody();
        for (Object[] again : List.of(new Object[]{first.get("customerId"), second.get("customerId")},
                new Object[]{second.get("customerId"), first.get("archiveNo")}, new Object[]{first.get("customerId"), second.get("archiveNo")})) {
            Map<String, Object> twice = merge(manager(), again[0], again[1]).expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
            for (String field : List.of("id", "archiveNo", "phones", "owner", "claims", "visits", "disputes", "followUps", "mergedFrom")) {
                assertThat(twice.get(field)).as(field).isEqualTo(once.get(field));
            }
        }
    }

    @Test
    @DisplayName("R-CUS-3 a merge interrupted after its first step is finished by asking again")
    @SuppressWarnings("unchecked")
    void anInterruptedMergeIsFinishedByARetry() {
        Map<String, Object> first = ownedByB(aPhone());
        Map<String, Object> second = registeredAgainByA(aPhone(), T0.plus(1, ChronoUnit.DAYS));
        merging.begin(managerCaller(), site, (String) first.get("customerId"), (String) second.get("customerId"), "同一人").block();

        Map<String, Object> merged = merge(manager(), second.get("customerId"), first.get("customerId")).expectStatus().isOk()
                .expectBody(MAP).returnResult().getResponseBody();

        assertThat(merged.get("id")).isEqualTo(first.get("customerId"));
        assertThat((List<Map<String, Object>>) merged.get("visits")).extracting(v -> v.get("visitId"))
                .containsExactlyInAnyOrder(first.get("visitId"), second.get("visitId"));
        assertThat(list(merged, "mergedFrom")).hasSize(1);
        assertThat(customers.beingMerged(SiteScope.of(site)).collectList().block()).isEmpty();
    }

    @Test
    @DisplayName("R-CUS-3 a visit by the phone of a record whose merge was interrupted finishes the merge and goes to the survivor")
    @SuppressWarnings("unchecked")
    void aVisitToAHalfMergedRecordGoesToTheSurvivor() {
        Map<String, Object> first = ownedByB(aPhone());
        String secondPhone = aPhone();
        Map<String, Object> second = registeredAgainByA(secondPhone, T0.plus(1, ChronoUnit.DAYS));
        merging.begin(managerCaller(), site, (String) first.get("customerId"), (String) second.get("customerId"), "同一人").block();

        Map<String, Object> visit = attribute(secondPhone, T0.plus(2, ChronoUnit.DAYS), desk("A", "A:AVAILABLE", "B:AVAILABLE"));

        assertThat(visit.get("customerId")).isEqualTo(first.get("customerId"));
        assertThat(visit.get("servedBy")).as("R-ATT-4 the survivor's owner").isEqualTo(rep("B"));
        assertThat(customers.beingMerged(SiteScope.of(site)).collectList().block()).isEmpty();
        assertThat((List<Map<String, Object>>) customer(first.get("customerId")).get("visits")).extracting(v -> v.get("visitId"))
                .containsExactlyInAnyOrder(first.get("visitId"), second.get("visitId"), visit.get("visitId"));
    }

    @Test
    @DisplayName("R-CUS-3 a merge interrupted after its first step is finished by the recovery run at start")
    void anInterruptedMergeIsFinishedByTheRecovery() {
        Map<String, Object> first = ownedByB(aPhone());
        Map<String, Object> second = registeredAgainByA(aPhone(), T0.plus(1, ChronoUnit.DAYS));
        merging.begin(managerCaller(), site, (String) first.get("customerId"), (String) second.get("customerId"), "同一人").block();
        assertThat(customers.beingMerged(SiteScope.of(site)).map(c -> c.id()).collectList().block())
                .containsExactly((String) second.get("customerId"));

        assertThat(merging.recover().block()).isGreaterThanOrEqualTo(1L);

        assertThat(customers.beingMerged(SiteScope.of(site)).collectList().block()).isEmpty();
        Map<String, Object> merged = customer(first.get("customerId"));
        assertThat(list(merged, "visits")).hasSize(2);
        assertThat(list(merged, "mergedFrom")).hasSize(1);
        assertThat(customer(second.get("customerId")).get("id")).isEqualTo(first.get("customerId"));
    }

    @Test
    @DisplayName("R-CUS-3 visits to either record while the MANAGER merges them are all kept by the survivor")
    void visitsDuringAMergeAreNotLost() throws Exception {
        String firstPhone = aPhone();
        Map<String, Object> first = ownedByB(firstPhone);
        String secondPhone = aPhone();
        Map<String, Object> second = registeredAgainByA(secondPhone, T0.plus(1, ChronoUnit.DAYS));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Object>> work = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Instant at = T0.plus(2, ChronoUnit.DAYS).plusSeconds(60L * i);
                work.add(() -> attribute(firstPhone, at, desk("B", "B:AVAILABLE")).get("visitId"));
                work.add(() -> attribute(secondPhone, at.plusSeconds(30), desk("A", "A:AVAILABLE")).get("visitId"));
            }
            work.add(2, () -> merge(manager(), second.get("customerId"), first.get("customerId")).expectStatus().isOk()
                    .expectBody(MAP).returnResult().getResponseBody().get("id"));
            List<Object> visitIds = new ArrayList<>(List.of(first.get("visitId"), second.get("visitId")));
            for (Future<Object> done : pool.invokeAll(work)) {
                Object result = done.get();
                if (!first.get("customerId").equals(result)) {
                    visitIds.add(result);
                }
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> visits = (List<Map<String, Object>>) customer(second.get("customerId")).get("visits");
            assertThat(visits).extracting(v -> v.get("visitId")).containsExactlyInAnyOrderElementsOf(visitIds);
        } finally {
            pool.shutdownNow();
        }
    }
}
