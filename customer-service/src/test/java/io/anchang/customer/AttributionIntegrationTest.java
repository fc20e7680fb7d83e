package io.anchang.customer;

import io.anchang.platform.api.attribution.AttributionApi;
import io.anchang.platform.events.Topics;
import io.anchang.testing.SharedKafka;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attribution rules through customer-service's API, as the desk's question (flow 1) and the
 * site's follow-up actions ask them, each with the policy's numbers (80/20, 50/50, 2 months).
 */
class AttributionIntegrationTest extends SiteIntegrationTest {

    @Test
    @DisplayName("R-CUS-3 R-CUS-2 R-SEC-3 one phone in its usual spellings is one customer, shown masked, with a site-unique sequential archive number")
    void onePhoneInAnySpellingIsOneCustomer() {
        String digits = aPhone();
        Map<String, Object> a = attribute(digits.substring(0, 3) + " " + digits.substring(3, 7) + " " + digits.substring(7), T0, desk("A", "A:AVAILABLE"));
        Map<String, Object> b = attribute("+86-" + digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7), T0.plusSeconds(60), desk("A", "A:AVAILABLE"));
        assertThat(b.get("customerId")).isEqualTo(a.get("customerId"));
        assertThat(a.get("newCustomer")).isEqualTo(true);
        assertThat(b.get("newCustomer")).isEqualTo(false);
        assertThat(a.get("phoneMasked")).isEqualTo(digits.substring(0, 3) + "****" + digits.substring(7));
        Map<String, Object> landline = attribute("021-6123 " + String.format("%04d", PHONES.incrementAndGet() % 10_000), T0, desk("A", "A:AVAILABLE"));
        assertThat((String) landline.get("phoneMasked")).startsWith("021****");
        assertThat(a.get("archiveNo")).isEqualTo(site + "-000001");
        assertThat(landline.get("archiveNo")).isEqualTo(site + "-000002");
        web.post().uri(AttributionApi.PATH, site).headers(h -> h.setBearerAuth(ISSUER.receptionToken()))
                .bodyValue(object("visitId", "x", "channel", "VISIT", "phone", "123", "at", T0.toString(), "desk", desk("A", "A:AVAILABLE")))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:phone-invalid");
    }

    @Test
    @DisplayName("flow 1 idempotency: the same visit id asked twice applies the rules once")
    void theSameVisitIsAttributedOnce() {
        String phone = aPhone();
        String visitId = UUID.randomUUID().toString();
        Map<String, Object> first = attributeAs(visitId, phone, T0, desk("A", "A:AVAILABLE", "B:AVAILABLE"));
        Map<String, Object> again = attributeAs(visitId, phone, T0, desk("B", "A:BUSY", "B:AVAILABLE"));
        assertThat(again).isEqualTo(first);
        web.get().uri("/api/customers/sites/{site}/customers/{id}", site, first.get("customerId")).headers(h -> h.setBearerAuth(manager()))
                .exchange().expectBody().jsonPath("$.visits.length()").isEqualTo(1);
    }

    @Test
    @DisplayName("R-ATT-1 R-REC-3 first registration wins: a call registered by B makes the later walk-in B's customer")
    void theCallRegisterIsTheFirstRegistration() {
        String phone = aPhone();
        web.post().uri(AttributionApi.PATH, site).headers(h -> h.setBearerAuth(ISSUER.receptionToken()))
                .bodyValue(object("visitId", UUID.randomUUID().toString(), "channel", "CALL", "phone", phone, "at", T0.toString(),
                        "receivedBy", rep("B")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.ruleId").isEqualTo("R-ATT-1").jsonPath("$.ownerRep").isEqualTo(rep("B"));
        Map<String, Object> walkIn = attribute(phone, T0.plus(2, ChronoUnit.DAYS), desk("A", "A:AVAILABLE", "B:AVAILABLE"));
        assertThat(walkIn.get("servedBy")).isEqualTo(rep("B"));
        assertThat(walkIn.get("ownerRep")).isEqualTo(rep("B"));
    }

    /** R-ATT-2: the customer was received like a new one: the rotation's {@code receiver} serves on their turn and owns it. */
    private void receivedAsNew(Map<String, Object> answer, String receiver) {
        assertThat(answer.get("ruleId")).isEqualTo("R-ATT-2");
        assertThat(answer.get("servedBy")).isEqualTo(rep(receiver));
        assertThat(answer.get("usesTurn")).isEqualTo(true);
        assertThat(answer.get("ownerRep")).isEqualTo(rep(receiver));
    }

    @Test
    @DisplayName("R-ATT-2 a claim protects for 2 months: after that the customer is received like a new one, uses a turn and the receiver's claim starts afresh")
    void protectionExpiresAfterTwoMonths() {
        String phone = aPhone();
        Map<String, Object> first = ownedByB(phone);
        Instant stillProtected = T0.plus(58, ChronoUnit.DAYS);
        Map<String, Object> within = attribute(phone, stillProtected, desk("A", "A:AVAILABLE", "B:AVAILABLE"));
        assertThat(within.get("servedBy")).isEqualTo(rep("B"));
        Instant expired = stillProtected.plus(62, ChronoUnit.DAYS);
        assertThat(shares(credit(first, expired.minusSeconds(60)))).as("an expired claim earns nothing").isEmpty();
        receivedAsNew(attribute(phone, expired, desk("A", "A:AVAILABLE", "B:AVAILABLE")), "A");
        assertThat(shares(credit(first, expired.plusSeconds(60)))).containsExactly("A 1.00 100");
    }

    @Test
    @DisplayName("R-ATT-2 the rep whose claim expired receives the customer again on their turn: the claim starts afresh and protects 2 months; nobody earned in the gap")
    void theSameRepsExpiredClaimStartsAfresh() {
        String phone = aPhone();
        Map<String, Object> first = ownedByB(phone);
        Instant gap = T0.plus(65, ChronoUnit.DAYS);
        Instant back = T0.plus(70, ChronoUnit.DAYS);
        receivedAsNew(attribute(phone, back, desk("B", "A:AVAILABLE", "B:AVAILABLE")), "B");
        assertThat(shares(credit(first, gap))).as("between expiry and the new reception nobody holds a protected claim").isEmpty();
        assertThat(shares(credit(first, back.plusSeconds(60)))).containsExactly("B 1.00 100");
        assertThat(shares(credit(first, back.plus(50, ChronoUnit.DAYS)))).as("protected for 2 months from the new reception")
                .containsExactly("B 1.00 100");
    }

    @Test
    @DisplayName("R-ATT-3 no customer waits over ownership: turned-down owner free, another serves now; nobody free, the customer queues")
    void nobodyWaitsOverOwnership() {
        String phone = aPhone();
        ownedByB(phone);
        Map<String, Object> turnedDown = attribute(phone, T0.plusSeconds(3600), desk("A", "A:AVAILABLE", "B:AVAILABLE"), "refusesOwner", true);
        assertThat(turnedDown.get("servedBy")).isEqualTo(rep("A"));
        String other = aPhone();
        ownedByB(other);
        Map<String, Object> busy = attribute(other, T0.plusSeconds(3600), desk(null, "A:BUSY", "B:BUSY"));
        assertThat(busy.get("role")).isEqualTo("WAITING");
        assertThat(busy.get("preferredRep")).isEqualTo(rep("B"));
        assertThat(busy.get("ruleId")).isEqualTo("R-REC-9");
    }

    @Test
    @DisplayName("R-ATT-4 R-REC-7 a return visit goes back to the owner on site and free: credit the owner 100, no turn used")
    void backToTheOwner() {
        String phone = aPhone();
        ownedByB(phone);
        Map<String, Object> back = attribute(phone, T0.plusSeconds(3600), desk("A", "A:AVAILABLE", "B:AVAILABLE"), "firstVisit", false);
        assertThat(back.get("servedBy")).isEqualTo(rep("B"));
        assertThat(back.get("role")).isEqualTo("OWNER");
        assertThat(back.get("usesTurn")).isEqualTo(false);
        assertThat(back.get("ruleId")).isEqualTo("R-ATT-4");
        assertThat(shares(credit(back, T0.plus(3, ChronoUnit.DAYS)))).containsExactly("B 1.00 100");
    }

    @Test
    @DisplayName("R-ATT-5 the customer turns B down for A: A owns, credit A, bonus A 80 / B 20")
    void refusedOwnerEightyTwenty() {
        String phone = aPhone();
        ownedByB(phone);
        Map<String, Object> refused = attribute(phone, T0.plusSeconds(3600), desk("A", "A:AVAILABLE", "B:AVAILABLE"), "refusesOwner", true);
        assertThat(refused.get("ruleId")).isEqualTo("R-ATT-5");
        assertThat(refused.get("ownerRep")).isEqualTo(rep("A"));
        assertThat(refused.get("previousOwner")).isEqualTo(rep("B"));
        assertThat(shares(credit(refused, T0.plus(5, ChronoUnit.DAYS)))).containsExactly("A 1.00 80", "B 0.00 20");
    }

    @Test
    @DisplayName("R-ATT-6 a complaint about B waits for a SUPERVISOR; verified, B loses every claim and A takes credit and bonus 100")
    void aVerifiedComplaintTakesEverythingFromTheOwner() {
        String phone = aPhone();
        ownedByB(phone);
        Map<String, Object> complained = attribute(phone, T0.plusSeconds(3600), desk("A", "A:AVAILABLE", "B:AVAILABLE"),
                "complaint", "上次接待态度很差");
        assertThat(complained.get("ruleId")).isEqualTo("R-ATT-6");
        assertThat(complained.get("servedBy")).isEqualTo(rep("A"));
        String complaintId = (String) complained.get("complaintId");
        web.get().uri("/api/customers/sites/{site}/complaints", site).headers(h -> h.setBearerAuth(supervisor())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].complaintId").isEqualTo(complaintId)
                .jsonPath("$[0].against").isEqualTo(rep("B")).jsonPath("$[0].status").isEqualTo("PENDING");
        assertThat(shares(credit(complained, T0.plus(1, ChronoUnit.DAYS)))).as("until verified: R-ATT-5").containsExactly("A 1.00 80", "B 0.00 20");
        web.post().uri("/api/customers/sites/{site}/complaints/{id}/verification", site, complaintId).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("verified", true)).exchange().expectStatus().isForbidden();
        web.post().uri("/api/customers/sites/{site}/complaints/{id}/verification", site, complaintId).headers(h -> h.setBearerAuth(supervisor()))
                .bodyValue(object("verified", true, "note", "经核实属实")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("VERIFIED");
        assertThat(shares(credit(complained, Instant.now().plusSeconds(60)))).containsExactly("A 1.00 100");
        web.get().uri("/api/customers/sites/{site}/complaints", site).headers(h -> h.setBearerAuth(supervisor())).exchange()
                .expectBody().jsonPath("$.length()").isEqualTo(0);
    }

    @Test
    @DisplayName("R-ATT-6 a rejected complaint: R-ATT-5 applies, A 80 / B 20")
    void aRejectedComplaintIsARefusal() {
        String phone = aPhone();
        ownedByB(phone);
        Map<String, Object> complained = attribute(phone, T0.plusSeconds(3600), desk("A", "A:AVAILABLE", "B:AVAILABLE"), "complaint", "不满意");
        web.post().uri("/api/customers/sites/{site}/complaints/{id}/verification", site, complained.get("complaintId"))
                .headers(h -> h.setBearerAuth(supervisor())).bodyValue(object("verified", false, "note", "误会")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REJECTED");
        assertThat(shares(credit(complained, Instant.now().plusSeconds(60)))).containsExactly("A 1.00 80", "B 0.00 20");
    }

    @Test
    @DisplayName("R-ATT-7 the owner out: the up rep C helps without a turn; credit B; bonus B 50 / C 50 the same day, B 80 / C 20 later")
    void helperFiftyFiftyTheSameDayEightyTwentyLater() {
        String phone = aPhone();
        ownedByB(phone);
        Instant visit = T0.plus(3, ChronoUnit.DAYS);
        Map<String, Object> helped = attribute(phone, visit, desk("C", "C:AVAILABLE", "B:OUT"));
        assertThat(helped.get("servedBy")).isEqualTo(rep("C"));
        assertThat(helped.get("role")).isEqualTo("HELPER");
        assertThat(helped.get("usesTurn")).isEqualTo(false);
        assertThat(helped.get("ownerRep")).isEqualTo(rep("B"));
        assertThat(shares(credit(helped, visit.plus(2, ChronoUnit.HOURS)))).containsExactly("B 1.00 50", "C 0.00 50");
        assertThat(shares(credit(helped, visit.plus(2, ChronoUnit.DAYS)))).containsExactly("B 1.00 80", "C 0.00 20");
    }

    @Test
    @DisplayName("R-ATT-8 several reps named: the first on site receives (X out, Y free); with the owner away Y helps, credit the owner")
    void theFirstNamedOnSiteReceives() {
        String phone = aPhone();
        ownedByB(phone);
        Map<String, Object> named = attribute(phone, T0.plusSeconds(3600), desk("A", "A:AVAILABLE", "C:OUT", "D:AVAILABLE", "B:OUT"),
                "namedReps", list("C", "D"));
        assertThat(named.get("servedBy")).isEqualTo(rep("D"));
        assertThat(named.get("ruleId")).isEqualTo("R-ATT-8");
        assertThat(shares(credit(named, T0.plus(2, ChronoUnit.DAYS)))).containsExactly("B 1.00 80", "D 0.00 20");
    }

    @Test
    @DisplayName("R-ATT-9 bargaining with C for a bigger discount: credit and bonus all B's")
    void discountShoppingChangesNothing() {
        String phone = aPhone();
        ownedByB(phone);
        Map<String, Object> bargain = attribute(phone, T0.plusSeconds(3600), desk("A", "A:AVAILABLE", "C:AVAILABLE", "B:AVAILABLE"),
                "askedFor", "C", "seekingDiscount", true);
        assertThat(bargain.get("servedBy")).isEqualTo(rep("C"));
        assertThat(bargain.get("ruleId")).isEqualTo("R-ATT-9");
        assertThat(bargain.get("ownerRep")).isEqualTo(rep("B"));
        assertThat(shares(credit(bargain, T0.plus(2, ChronoUnit.DAYS)))).containsExactly("B 1.00 100");
    }

    @Test
    @DisplayName("R-ATT-10 a forgotten rep: A receives on A's turn; A finds B's valid claim: B follows up, bonus A 50 / B 50, A's turn given back")
    void aForgottenRepFoundLaterSplitsFiftyFifty() {
        Map<String, Object> earlier = ownedByB(aPhone());
        Map<String, Object> forgot = attribute(aPhone(), T0.plus(10, ChronoUnit.DAYS), desk("A", "A:AVAILABLE", "B:AVAILABLE"), "forgotRep", true);
        assertThat(forgot.get("ruleId")).isEqualTo("R-ATT-10");
        assertThat(forgot.get("servedBy")).isEqualTo(rep("A"));
        assertThat(forgot.get("usesTurn")).isEqualTo(true);
        web.post().uri("/api/customers/sites/{site}/visits/{visit}/earlier-rep", site, forgot.get("visitId")).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("earlierCustomerId", earlier.get("customerId"), "followUpBy", rep("B"))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.turnGivenBackTo").isEqualTo(rep("A"))
                .jsonPath("$.ownerRep").isEqualTo(rep("B"));
        assertThat(shares(credit(forgot, Instant.now().plusSeconds(60)))).containsExactlyInAnyOrder("A 0.00 50", "B 1.00 50");
    }

    @Test
    @DisplayName("R-ATT-10 a forgotten rep whose claim had expired: nothing changes, A keeps 100")
    void aForgottenRepWithAnExpiredClaimGetsNothing() {
        Map<String, Object> earlier = ownedByB(aPhone());
        Map<String, Object> forgot = attribute(aPhone(), T0.plus(90, ChronoUnit.DAYS), desk("A", "A:AVAILABLE"), "forgotRep", true);
        web.post().uri("/api/customers/sites/{site}/visits/{visit}/earlier-rep", site, forgot.get("visitId")).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("earlierCustomerId", earlier.get("customerId"), "followUpBy", rep("B"))).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:earlier-claim-expired");
        assertThat(shares(credit(forgot, T0.plus(91, ChronoUnit.DAYS)))).containsExactly("A 1.00 100");
    }

    @Test
    @DisplayName("R-ATT-11 on a later visit the customer asks for A by name: A serves; credit and bonus A 50 / B 50")
    void namedOnALaterVisitFiftyFifty() {
        String phone = aPhone();
        ownedByB(phone);
        Map<String, Object> named = attribute(phone, T0.plus(1, ChronoUnit.DAYS), desk("C", "A:AVAILABLE", "B:AVAILABLE", "C:AVAILABLE"),
                "askedFor", "A", "firstVisit", false);
        assertThat(named.get("servedBy")).isEqualTo(rep("A"));
        assertThat(named.get("ruleId")).isEqualTo("R-ATT-11");
        assertThat(named.get("usesTurn")).isEqualTo(false);
        assertThat(shares(credit(named, T0.plus(4, ChronoUnit.DAYS)))).containsExactly("A 0.50 50", "B 0.50 50");
    }

    @Test
    @DisplayName("R-ATT-12 follow-up belongs to the rep who holds the credit: another rep is refused")
    void followUpBelongsToTheCreditHolder() {
        Map<String, Object> first = ownedByB(aPhone());
        web.post().uri("/api/customers/sites/{site}/customers/{id}/follow-ups", site, first.get("customerId"))
                .headers(h -> h.setBearerAuth(sales("A"))).bodyValue(object("method", "电话", "note", "回访")).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:not-credit-holder");
        web.post().uri("/api/customers/sites/{site}/customers/{id}/follow-ups", site, first.get("customerId"))
                .headers(h -> h.setBearerAuth(sales("B"))).bodyValue(object("method", "电话", "note", "约周六看样板间")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.followUps[0].rep").isEqualTo(rep("B"));
    }

    @Test
    @DisplayName("R-SEC-4 R-ATT-12 a follow-up by the credit holder and its check by a SUPERVISOR are announced and kept on the site's audit trail")
    void followUpsAndTheirChecksAreAudited() {
        Map<String, Object> first = ownedByB(aPhone());
        Object customerId = first.get("customerId");
        web.post().uri("/api/customers/sites/{site}/customers/{id}/follow-ups", site, customerId)
                .headers(h -> h.setBearerAuth(sales("B"))).bodyValue(object("method", "电话", "note", "约周六看样板间")).exchange()
                .expectStatus().isOk();
        web.post().uri("/api/customers/sites/{site}/customers/{id}/follow-ups/{n}/check", site, customerId, 1)
                .headers(h -> h.setBearerAuth(supervisor())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.followUps[0].checkedBy").isEqualTo(site + "-sup");

        assertThat(TopicProbe.events(Topics.CUSTOMER, "customer.follow-up-checked",
                payload -> payload.path("customerId").asString().equals(customerId)).get(0).path("payload").path("rep").asString())
                .isEqualTo(rep("B"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/customers/sites/{site}/audit", site)
                .headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.action == 'customer.follow-up-recorded')].actor").isEqualTo(List.of(rep("B")))
                .jsonPath("$[?(@.action == 'customer.follow-up-recorded')].subject").isEqualTo(List.of(customerId))
                .jsonPath("$[?(@.action == 'customer.follow-up-recorded')].after").value(after ->
                        assertThat(after.toString()).contains("约周六看样板间"))
                .jsonPath("$[?(@.action == 'customer.follow-up-checked')].actor").isEqualTo(List.of(site + "-sup"))
                .jsonPath("$[?(@.action == 'customer.follow-up-checked')].subject").isEqualTo(List.of(customerId)));
    }

    @Test
    @DisplayName("R-ATT-13 a new customer brought by an existing one belongs to its original receiver")
    void referralBelongsToTheOriginalReceiver() {
        String referrer = aPhone();
        ownedByB(referrer);
        Map<String, Object> brought = attribute(aPhone(), T0.plusSeconds(3600), desk("A", "A:AVAILABLE", "B:AVAILABLE"), "broughtByPhone", referrer);
        assertThat(brought.get("ruleId")).isEqualTo("R-ATT-13");
        assertThat(brought.get("ownerRep")).isEqualTo(rep("B"));
        assertThat(brought.get("servedBy")).isEqualTo(rep("B"));
    }

    @Test
    @DisplayName("R-ATT-14 a household member belongs to who received the first, even over a first-visit request for another rep")
    void householdWinsOverANamedRequest() {
        String first = aPhone();
        ownedByB(first);
        Map<String, Object> spouse = attribute(aPhone(), T0.plusSeconds(7200), desk("C", "A:AVAILABLE", "B:OUT", "C:AVAILABLE"),
                "householdPhone", first, "askedFor", "A", "firstVisit", true);
        assertThat(spouse.get("ruleId")).isEqualTo("R-ATT-14");
        assertThat(spouse.get("ownerRep")).isEqualTo(rep("B"));
        assertThat(spouse.get("servedBy")).as("B out: the up rep helps").isEqualTo(rep("C"));
        assertThat(shares(credit(spouse, T0.plusSeconds(8000)))).containsExactly("B 1.00 50", "C 0.00 50");
    }

    @Test
    @DisplayName("R-REC-6 a first-time customer asking for D on entering is D's, outside the order table, on D's turn")
    void aNamedFirstVisitIsTheNamedRepsTurn() {
        Map<String, Object> named = attribute(aPhone(), T0, desk("A", "A:AVAILABLE", "D:AVAILABLE"), "askedFor", "D", "firstVisit", true);
        assertThat(named.get("servedBy")).isEqualTo(rep("D"));
        assertThat(named.get("usesTurn")).isEqualTo(true);
        assertThat(named.get("ownerRep")).isEqualTo(rep("D"));
        assertThat(named.get("ruleId")).isEqualTo("R-REC-6");
    }

    @Test
    @DisplayName("R-ATT-15 the MANAGER redistributes a departing rep's customers by a seeded draw; the draw is kept and the claims pass")
    @SuppressWarnings("unchecked")
    void redistributionByASeededDraw() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add((String) ownedByB(aPhone()).get("customerId"));
        }
        web.post().uri("/api/customers/sites/{site}/redistributions", site).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("fromRep", rep("B"), "toReps", list(rep("A"), rep("C")), "seed", 7, "reason", "调离")).exchange()
                .expectStatus().isForbidden();
        Map<String, Object> draw = web.post().uri("/api/customers/sites/{site}/redistributions", site).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("fromRep", rep("B"), "toReps", list(rep("A"), rep("C")), "seed", 7, "reason", "长假")).exchange()
                .expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        assertThat(draw.get("seed")).isEqualTo(7);
        List<Map<String, Object>> assignments = (List<Map<String, Object>>) draw.get("assignments");
        assertThat(assignments).hasSize(5);
        List<io.anchang.customer.domain.Draw.Ticket> tickets = assignments.stream()
                .map(a -> new io.anchang.customer.domain.Draw.Ticket((String) a.get("customerId"), (String) a.get("archiveNo"))).toList();
        var again = io.anchang.customer.domain.Draw.of("x", site, rep("B"), List.of(rep("C"), rep("A")), 7L, tickets, "重放", "m", T0);
        assertThat(again.assignments()).extracting(io.anchang.customer.domain.Draw.Assignment::toRep)
                .containsExactlyElementsOf(assignments.stream().map(a -> (String) a.get("toRep")).toList());
        for (Map<String, Object> a : assignments) {
            web.get().uri("/api/customers/sites/{site}/customers/{id}", site, a.get("customerId")).headers(h -> h.setBearerAuth(manager()))
                    .exchange().expectBody().jsonPath("$.owner").isEqualTo(a.get("toRep"));
        }
        web.get().uri("/api/customers/sites/{site}/redistributions/{id}", site, draw.get("drawId")).headers(h -> h.setBearerAuth(sales("C")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.seed").isEqualTo(7);
    }

    @Test
    @DisplayName("R-ATT-16 a dispute: open, ruled with its reason; when the reps quarrel the credit and bonus go to the department")
    void disputesAreRuledWithAReason() {
        Map<String, Object> first = ownedByB(aPhone());
        Map<String, Object> dispute = web.post().uri("/api/customers/sites/{site}/customers/{id}/disputes", site, first.get("customerId"))
                .headers(h -> h.setBearerAuth(sales("A"))).bodyValue(object("parties", list(rep("A"), rep("B")), "reason", "两人都接待过"))
                .exchange().expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        web.get().uri("/api/customers/sites/{site}/disputes", site).headers(h -> h.setBearerAuth(manager())).exchange()
                .expectBody().jsonPath("$[0].disputeId").isEqualTo(dispute.get("disputeId"));
        web.post().uri("/api/customers/sites/{site}/disputes/{id}/ruling", site, dispute.get("disputeId")).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("outcome", "DEPARTMENT", "reason", " ")).exchange().expectStatus().isBadRequest();
        web.post().uri("/api/customers/sites/{site}/disputes/{id}/ruling", site, dispute.get("disputeId")).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("outcome", "DEPARTMENT", "reason", "当事人在现场争吵")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("DEPARTMENT").jsonPath("$.ruling").isEqualTo("当事人在现场争吵");
        assertThat(credit(first, Instant.now().plusSeconds(60)).get("shares").toString()).contains("DEPARTMENT");
        web.get().uri("/api/customers/sites/{site}/disputes", site).headers(h -> h.setBearerAuth(manager())).exchange()
                .expectBody().jsonPath("$.length()").isEqualTo(0);
    }

    @Test
    @DisplayName("R-ATT-17 a big deposit signed: customer-service answers with the shares valid then, flagged when several visits made arrangements")
    void theDealTakesTheSharesValidWhenTheBigDepositIsSigned() {
        String phone = aPhone();
        Map<String, Object> first = ownedByB(phone);
        attribute(phone, T0.plus(1, ChronoUnit.DAYS), desk("C", "C:AVAILABLE", "B:OUT"));
        attribute(phone, T0.plus(2, ChronoUnit.DAYS), desk("D", "D:AVAILABLE", "B:OUT"));
        String dealId = UUID.randomUUID().toString();
        Instant signed = T0.plus(2, ChronoUnit.DAYS).plus(3, ChronoUnit.HOURS);
        TestEvents.publish(Topics.DEAL, "deal.big-deposit-signed", 1, site, dealId, object("dealId", dealId, "siteId", site,
                "unitId", "u1", "unitLabel", "3-1702", "customerId", first.get("customerId"), "repUserId", rep("D"), "price", new java.math.BigDecimal("3000000.00"),
                "deposit", new java.math.BigDecimal("50000.00"), "agreementNo", "RG-1", "signedAt", signed.toString()), "it-" + dealId);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CUSTOMER));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.value().contains("customer.deal-credit-fixed") && r.value().contains(dealId));
            });
            String fixed = seen.stream().filter(r -> r.value().contains(dealId)).findFirst().orElseThrow().value();
            assertThat(fixed).contains("\"needsManagerRuling\":true").contains("\"ruleId\":\"R-ATT-7\"")
                    .contains("\"userId\":\"" + rep("B") + "\",\"credit\":1.00,\"bonusPercent\":50")
                    .contains("\"userId\":\"" + rep("D") + "\",\"credit\":0.00,\"bonusPercent\":50");
        }
    }
}
