package io.anchang.deal;

import io.anchang.deal.application.AgreementNumbers;
import io.anchang.deal.application.DepositSaga;
import io.anchang.deal.application.HoldingUnits;
import io.anchang.deal.application.Rejections;
import io.anchang.deal.application.Units;
import io.anchang.deal.domain.Unit;
import io.anchang.platform.events.Topics;
import io.anchang.platform.events.finance.DepositConfirmed;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.anchang.deal.DealFixture.buyer;
import static io.anchang.deal.DealFixture.rep;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10 item 3, R-DEAL-4: agreement numbers run without gaps per site and year, like receipts.
 * A number was taken before the unit was written, so a write that failed (and was retried) left a
 * gap; now it is claimed from the register once the unit moved, and the same agreement always gets
 * the same number back. The store's failures are injected by a unit store that fails a chosen write
 * once, around the real one.
 */
class AgreementNumbersIntegrationTest extends DealIntegrationBase {

    static final String SITE = "AG01";

    @Autowired
    Units units;

    @Autowired
    Rejections rejections;

    @Autowired
    AgreementNumbers numbers;

    @Autowired
    LocalSiteDirectory directory;

    @Autowired
    HoldingUnits holding;

    @Autowired
    Clock clock;

    DealFixture f;

    @BeforeEach
    void site() {
        f = fixture();
        f.site(SITE);
        f.customer(SITE, "ag-c1", SITE + "-rep1");
    }

    @Test
    @DisplayName("R-DEAL-4 issue 10: a confirmation whose unit write fails once, then succeeds on redelivery, leaves no gap: agreements 1, 2, 3")
    void aFailedWriteLeavesNoGap() {
        List<String> unitIds = List.of(bigDepositRequested("G1"), bigDepositRequested("G2"), bigDepositRequested("G3"));
        FailingOnce store = new FailingOnce(units, unitIds.get(1), 1);
        DepositSaga saga = new DepositSaga(store, rejections, numbers, directory, holding, clock);
        Instant at = Instant.now();

        saga.confirmed(confirmation(unitIds.get(0), at)).block();
        DepositConfirmed second = confirmation(unitIds.get(1), at);
        assertThatThrownBy(() -> saga.confirmed(second).block()).hasMessageContaining("store failed");
        saga.confirmed(second).block(); // the consumer's redelivery
        saga.confirmed(confirmation(unitIds.get(2), at)).block();

        List<String> issued = unitIds.stream().map(this::agreementNumber).toList();
        int first = sequence(issued.get(0));
        // consecutive: the failed write took no number (the numbering before this took one, and left a gap)
        assertThat(issued).containsExactly(number(at, first), number(at, first + 1), number(at, first + 2));
        assertThat(TopicProbe.events(Topics.DEAL, "deal.agreement-issued", p -> unitIds.get(1).equals(p.path("unitId").asString())))
                .hasSize(1);
    }

    @Test
    @DisplayName("R-DEAL-4 issue 10: the write that records the number failing once: the retry gets the same number back, the next agreement the next one")
    void aFailedNumberingWriteKeepsItsNumber() {
        String first = bigDepositRequested("G4");
        String next = bigDepositRequested("G5");
        // the unit's second write (the number) fails once
        FailingOnce store = new FailingOnce(units, first, 2);
        DepositSaga saga = new DepositSaga(store, rejections, numbers, directory, holding, clock);
        Instant at = Instant.now();
        assertThatThrownBy(() -> saga.confirmed(confirmation(first, at)).block()).hasMessageContaining("store failed");
        f.unit(SITE, first).jsonPath("$.status").isEqualTo("BIG_DEPOSIT").jsonPath("$.sale.agreement.number").doesNotExist();

        // the check of waiting agreements finishes it (as a redelivery would)
        saga.numberWaitingAgreements().block();
        saga.confirmed(confirmation(next, at)).block();
        assertThat(sequence(agreementNumber(next))).isEqualTo(sequence(agreementNumber(first)) + 1);
    }

    @Test
    @DisplayName("R-DEAL-4 the register hands 30 concurrent claims 30 consecutive numbers, and a claim repeated gets its own number back")
    void concurrentClaimsGetConsecutiveNumbers() {
        int year = 2031;
        List<String> claimed = Flux.range(0, 30).flatMap(i -> numbers.claim("AG02", year, "deal-" + i, "u-" + i), 30)
                .collectList().block();
        Set<String> expected = IntStream.rangeClosed(1, 30).mapToObj(n -> String.format("RG-AG02-%d-%06d", year, n))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(claimed)).isEqualTo(expected);
        String again = numbers.claim("AG02", year, "deal-7", "u-7").block();
        assertThat(claimed).contains(again);
        assertThat(numbers.claim("AG02", year, "deal-new", "u-new").block()).isEqualTo(String.format("RG-AG02-%d-%06d", year, 31));
    }

    private String bigDepositRequested(String building) {
        f.building(SITE, building, List.of("101,1,3000000"));
        String unit = SITE + "-" + building + "-101";
        f.hold(rep(SITE, 1), SITE, unit, "ag-c1").expectStatus().isCreated();
        f.requestDeposit(rep(SITE, 1), SITE, unit, object("kind", "BIG", "amount", "100000", "buyer", buyer())).expectStatus().isCreated();
        return unit;
    }

    private DepositConfirmed confirmation(String unit, Instant at) {
        Unit stored = units.find(SiteScope.system(), SITE, unit).block();
        return new DepositConfirmed(stored.request().requestId(), SITE, unit, stored.hold().holdId(), "BIG", "R-" + unit,
                new BigDecimal("100000.00"), "TRANSFER", "BANK-1", "fin-" + SITE, at);
    }

    private String agreementNumber(String unit) {
        return units.find(SiteScope.system(), SITE, unit).block().sale().agreement().number();
    }

    private static int sequence(String number) {
        return Integer.parseInt(number.substring(number.length() - 6));
    }

    private static String number(Instant at, int n) {
        return String.format("RG-%s-%d-%06d", SITE, LocalDate.ofInstant(at, ZoneId.of("Asia/Shanghai")).getYear(), n);
    }

    /** The real store, except that the {@code failingWrite}-th write of unit {@code unitId} fails once, as a store hiccup would. */
    static final class FailingOnce implements Units {

        private final Units real;
        private final String unitId;
        private final int failingWrite;
        private final AtomicInteger writes = new AtomicInteger();

        FailingOnce(Units real, String unitId, int failingWrite) {
            this.real = real;
            this.unitId = unitId;
            this.failingWrite = failingWrite;
        }

        @Override
        public Mono<Boolean> save(Caller caller, Unit unit, List<PendingEvent> events) {
            if (unit.id().equals(unitId) && writes.incrementAndGet() == failingWrite) {
                return Mono.error(new IllegalStateException("the store failed"));
            }
            return real.save(caller, unit, events);
        }

        @Override
        public Mono<Unit> find(SiteScope scope, String site, String id) {
            return real.find(scope, site, id);
        }

        @Override
        public Flux<Unit> ofBuilding(SiteScope scope, String site, String buildingCode) {
            return real.ofBuilding(scope, site, buildingCode);
        }

        @Override
        public Mono<Unit> ofDeal(SiteScope scope, String site, String dealId) {
            return real.ofDeal(scope, site, dealId);
        }

        @Override
        public Mono<Long> add(Caller caller, List<Unit> toAdd, Function<Unit, PendingEvent> added) {
            return real.add(caller, toAdd, added);
        }

        @Override
        public Flux<Unit> lapsedBy(Instant now) {
            return real.lapsedBy(now);
        }

        @Override
        public Flux<Unit> agreementsToNumber() {
            return real.agreementsToNumber();
        }

        @Override
        public Flux<Unit> withDeals(io.anchang.platform.security.SiteScope scope, String site) {
            return real.withDeals(scope, site);
        }

        @Override
        public Flux<Unit> moving() {
            return real.moving();
        }

        @Override
        public Flux<Unit> bigDeposits() {
            return real.bigDeposits();
        }
    }
}
