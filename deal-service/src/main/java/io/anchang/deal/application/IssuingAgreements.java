package io.anchang.deal.application;

import io.anchang.deal.domain.DepositKind;
import io.anchang.deal.domain.Unit;
import io.anchang.platform.events.deal.AgreementIssued;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * R-DEAL-4, R-DEAL-5: numbers subscription agreements from the gap-free register once they exist — the
 * first one of a big deposit, and each one issued again after a void (a correction, a name change before
 * the contract, a unit change).
 */
public final class IssuingAgreements {

    private static final Caller SYSTEM = Caller.system("deal-service");
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final Units units;
    private final AgreementNumbers numbers;
    private final LocalSiteDirectory directory;

    public IssuingAgreements(Units units, AgreementNumbers numbers, LocalSiteDirectory directory) {
        this.units = units;
        this.numbers = numbers;
        this.directory = directory;
    }

    /**
     * R-DEAL-4: gives the unit's agreement its number, if it waits for one. The number is claimed from
     * the register only now that the agreement exists, and the same agreement always gets the same
     * number back, so a failed write here is finished by the next attempt (a redelivery, or
     * {@link #numberWaitingAgreements}) with no number lost: the numbers run without gaps.
     */
    public Mono<Void> numberAgreement(String site, String unitId) {
        return Mono.defer(() -> units.find(SiteScope.system(), site, unitId)
                        .filter(Unit::agreementToNumber)
                        .flatMap(unit -> directory.find(SiteScope.system(), site).map(java.util.Optional::of)
                                .defaultIfEmpty(java.util.Optional.empty())
                                .flatMap(profile -> {
                                    Unit.Sale sale = unit.sale();
                                    // agreements are numbered per year of the site's calendar, the year of the confirmation
                                    int year = LocalDate.ofInstant(sale.agreement().issuedAt(), zone(profile.orElse(null))).getYear();
                                    return numbers.claim(site, year, agreementKey(unit), unit.id());
                                })
                                .flatMap(number -> unit.numberAgreement(number)
                                        .map(after -> units.save(SYSTEM, after, List.of(PendingEvent.of(site, unit.id(),
                                                new AgreementIssued(after.sale().dealId(), site, unit.id(), unit.label(), number,
                                                        after.sale().agreement().issuedAt())).because("R-DEAL-4 认购书编号 " + number)))
                                                .flatMap(written -> written ? Mono.<Void>empty() : Mono.error(new HoldingUnits.Raced())))
                                        .orElse(Mono.empty()))))
                .retryWhen(reactor.util.retry.Retry.backoff(10, Duration.ofMillis(20)).filter(HoldingUnits.Raced.class::isInstance));
    }

    /** Numbers every agreement still waiting for its number, at every site (after a failure between move and number). */
    public Mono<Long> numberWaitingAgreements() {
        return units.agreementsToNumber().concatMap(unit -> numberAgreement(unit.siteId(), unit.id()).thenReturn(1L)).count();
    }

    /** What identifies an agreement in the register: its deal and the big deposit that issued it. */
    private static String agreementKey(Unit unit) {
        Unit.Sale sale = unit.sale();
        if (sale.agreement().issueKey() != null) {
            // an agreement issued again (R-DEAL-5: a correction, a name change, a unit change) has its own key
            return sale.agreement().issueKey();
        }
        Unit.Deposit big = sale.deposits().stream().filter(d -> d.kind() == DepositKind.BIG).reduce((a, b) -> b).orElseThrow();
        return sale.dealId() + ":" + big.requestId();
    }

    private static ZoneId zone(SiteProfile profile) {
        return profile == null ? DEFAULT_ZONE : profile.zone();
    }
}
