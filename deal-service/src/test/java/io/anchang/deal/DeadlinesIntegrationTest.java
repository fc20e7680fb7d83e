package io.anchang.deal;

import io.anchang.deal.application.HoldingUnits;
import io.anchang.platform.events.Topics;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.anchang.deal.DealFixture.buyer;
import static io.anchang.deal.DealFixture.rep;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * R-DEAL-2, R-FIN-2, R-DEAL-3 as decided: deadlines are judged by the clock. A confirmation the
 * finance desk took in time moves the unit whatever the lapse check does later; a unit waiting for
 * the desk is given up only on the desk's verdict; a hold that ran out is free for the next rep at
 * once; a lapsed small deposit announces what was paid for the refund. Time moves by the injected
 * clock (or the lapse check's given instant), never by sleeping.
 */
class DeadlinesIntegrationTest extends DealIntegrationBase {

    static final String SITE = "DD01";

    @Autowired
    HoldingUnits holding;

    DealFixture f;

    @BeforeEach
    void site() {
        f = fixture();
        f.site(SITE);
        f.customer(SITE, "dd-c1", SITE + "-rep1");
        f.customer(SITE, "dd-c2", SITE + "-rep2");
    }

    @Test
    @DisplayName("R-DEAL-2 R-FIN-2 the lapse check leaves a unit whose request waits at the finance desk; the desk's in-time confirmation moves it after the hold's expiry")
    void anInTimeConfirmationMovesTheUnitWhateverTheLapseCheckDoes() {
        String unit = heldUnit("T1", "dd-c1", 1);
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "SMALL", "amount", "20000")).expectStatus().isCreated();
        String requestId = DealFixture.requestIdOf(unit, "SMALL");
        Instant expires = expiry(unit);
        Object version = f.unitJson(SITE, unit).get("version");

        holding.releaseLapsed(expires.plus(Duration.ofMinutes(5))).block();
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("HELD").jsonPath("$.version").isEqualTo(version);

        // taken at the desk a second before the expiry, applied here minutes later
        SharedMongo.awaitConsumed(DATABASE, "deal-deposit-confirmed",
                DealFixture.confirmed(SITE, requestId, unit, "SMALL", "20000.00", "DD01-R-1", expires.minusSeconds(1)));
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("SMALL_DEPOSIT").jsonPath("$.sale.deposits[0].receiptNo").isEqualTo("DD01-R-1")
                .jsonPath("$.version").isEqualTo(((Number) version).intValue() + 1);
    }

    @Test
    @DisplayName("R-DEAL-2 R-FIN-2 on the desk's verdict that the deadline passed, the hold lapses; a stray confirmation after it is rejected for a refund")
    void theDesksVerdictReleasesTheHold() {
        String unit = heldUnit("T2", "dd-c1", 1);
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "SMALL", "amount", "20000")).expectStatus().isCreated();
        String requestId = DealFixture.requestIdOf(unit, "SMALL");
        Instant expires = expiry(unit);

        SharedMongo.awaitConsumed(DATABASE, "deal-deposit-request-lapsed", DealFixture.lapsed(SITE, requestId, unit, expires, expires));
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("AVAILABLE");
        JsonNode released = only(TopicProbe.events(Topics.DEAL, "deal.unit-released", p -> unit.equals(p.path("unitId").asString())));
        assertThat(released.path("payload").path("reason").asString()).isEqualTo("HOLD_LAPSED");

        SharedMongo.awaitConsumed(DATABASE, "deal-deposit-confirmed",
                DealFixture.confirmed(SITE, requestId, unit, "SMALL", "20000.00", "DD01-R-2", Instant.now()));
        only(TopicProbe.events(Topics.DEAL, "deal.deposit-rejected", p -> requestId.equals(p.path("requestId").asString())));
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("AVAILABLE");
    }

    @Test
    @DisplayName("R-DEAL-2 a hold that ran out by the clock (no deposit waiting) is taken by the next rep at once, not when the lapse check comes round")
    void aHoldThatRanOutIsFreeAtOnce() {
        String unit = heldUnit("T3", "dd-c1", 1);
        f.hold(rep(SITE, 2), SITE, unit, "dd-c2").expectStatus().isEqualTo(409);
        CLOCK.set(expiry(unit).plusMillis(1));
        f.hold(rep(SITE, 2), SITE, unit, "dd-c2").expectStatus().isCreated().expectBody()
                .jsonPath("$.hold.repUserId").isEqualTo(SITE + "-rep2");
        JsonNode released = only(TopicProbe.events(Topics.DEAL, "deal.unit-released", p -> unit.equals(p.path("unitId").asString())));
        assertThat(released.path("payload").path("reason").asString()).isEqualTo("HOLD_LAPSED");
        assertThat(TopicProbe.events(Topics.DEAL, "deal.unit-held", p -> unit.equals(p.path("unitId").asString()))).hasSize(2);
    }

    @Test
    @DisplayName("R-DEAL-2 no deposit can be requested on a hold that ran out by the clock")
    void noRequestOnAHoldThatRanOut() {
        String unit = heldUnit("T4", "dd-c1", 1);
        Map<String, Object> before = f.unitJson(SITE, unit);
        CLOCK.set(expiry(unit));
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "SMALL", "amount", "20000")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:hold-lapsed");
        assertThat(f.unitJson(SITE, unit)).isEqualTo(before);
    }

    @Test
    @DisplayName("R-DEAL-3 a small deposit not upgraded lapses and announces each receipt paid, for the refund due at the finance desk")
    void aLapsedSmallDepositAnnouncesWhatWasPaid() {
        String unit = smallDeposit("T5", "DD01-R-5");
        holding.releaseLapsed(Instant.now().plus(Duration.ofDays(7)).plus(Duration.ofMinutes(1))).block();
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("AVAILABLE");
        JsonNode lapsed = only(TopicProbe.events(Topics.DEAL, "deal.small-deposit-lapsed", p -> unit.equals(p.path("unitId").asString())));
        assertThat(lapsed.path("payload").path("paid").decimalValue()).isEqualByComparingTo("20000");
        assertThat(lapsed.path("payload").path("deposits").get(0).path("receiptNo").asString()).isEqualTo("DD01-R-5");
        assertThat(only(TopicProbe.events(Topics.DEAL, "deal.unit-released", p -> unit.equals(p.path("unitId").asString())))
                .path("payload").path("reason").asString()).isEqualTo("SMALL_DEPOSIT_LAPSED");
    }

    @Test
    @DisplayName("R-DEAL-3 R-FIN-2 with an upgrade waiting at the desk, the small deposit lapses only on the desk's verdict")
    void anUpgradeWaitingAtTheDeskHoldsTheLapseUntilTheVerdict() {
        String unit = smallDeposit("T6", "DD01-R-6");
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "BIG", "amount", "100000", "buyer", buyer())).expectStatus().isCreated();
        String upgrade = DealFixture.requestIdOf(unit, "BIG");
        JsonNode requested = only(TopicProbe.events(Topics.DEAL, "deal.deposit-requested",
                p -> unit.equals(p.path("unitId").asString()) && "BIG".equals(p.path("kind").asString())));
        String lapses = (String) ((Map<?, ?>) f.unitJson(SITE, unit).get("sale")).get("smallDepositLapsesAt");
        assertThat(requested.path("payload").path("payBy").asString()).isEqualTo(lapses);

        Object version = f.unitJson(SITE, unit).get("version");
        holding.releaseLapsed(Instant.now().plus(Duration.ofDays(8))).block();
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("SMALL_DEPOSIT").jsonPath("$.version").isEqualTo(version);
        SharedMongo.awaitConsumed(DATABASE, "deal-deposit-request-lapsed",
                DealFixture.lapsed(SITE, upgrade, unit, Instant.parse(lapses), Instant.parse(lapses)));
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("AVAILABLE");
        only(TopicProbe.events(Topics.DEAL, "deal.small-deposit-lapsed", p -> unit.equals(p.path("unitId").asString())));
    }

    private String heldUnit(String building, String customer, int rep) {
        f.building(SITE, building, List.of("101,1,3000000"));
        String unit = SITE + "-" + building + "-101";
        f.hold(rep(SITE, rep), SITE, unit, customer).expectStatus().isCreated();
        return unit;
    }

    private String smallDeposit(String building, String receipt) {
        String unit = heldUnit(building, "dd-c1", 1);
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "SMALL", "amount", "20000")).expectStatus().isCreated();
        SharedMongo.awaitConsumed(DATABASE, "deal-deposit-confirmed",
                DealFixture.confirmed(SITE, DealFixture.requestIdOf(unit, "SMALL"), unit, "SMALL", "20000.00", receipt, Instant.now()));
        f.unit(SITE, unit).jsonPath("$.status").isEqualTo("SMALL_DEPOSIT");
        return unit;
    }

    private Instant expiry(String unit) {
        Map<?, ?> hold = (Map<?, ?>) f.unitJson(SITE, unit).get("hold");
        return Instant.parse((String) hold.get("expiresAt"));
    }

    private static JsonNode only(List<JsonNode> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
