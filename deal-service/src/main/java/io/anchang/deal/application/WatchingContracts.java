package io.anchang.deal.application;

import io.anchang.deal.domain.Unit;
import io.anchang.platform.events.deal.ContractOverdue;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * R-DEAL-6: a big deposit whose contract day has passed without a contract is announced overdue once —
 * {@code deal.contract-overdue} written with the day it was announced on the unit, in one conditional write: a check
 * that runs again, on another instance or after a crash, announces nothing twice, and a write that loses a race is
 * simply tried by the next check. A unit change under way is left to finish first.
 */
public class WatchingContracts {

    private static final Caller SYSTEM = Caller.system("deal-service");

    private final Units units;
    private final LocalSiteDirectory directory;

    public WatchingContracts(Units units, LocalSiteDirectory directory) {
        this.units = units;
        this.directory = directory;
    }

    /** Announces every big deposit overdue at {@code now} and not announced yet; the units it announced. */
    public Mono<List<String>> check(Instant now) {
        return units.bigDeposits()
                .filter(unit -> unit.sale() != null && unit.sale().dealing().contractOverdueOn() == null && unit.sale().dealing().move() == null)
                .concatMap(unit -> directory.find(SiteScope.system(), unit.siteId()).flatMap(profile -> {
                    LocalDate today = Deals.day(profile, now);
                    LocalDate dueOn = SigningContracts.dueOn(unit, profile);
                    if (dueOn == null || !today.isAfter(dueOn)) {
                        return Mono.empty();
                    }
                    Unit.Sale sale = unit.sale();
                    Unit after = unit.contractOverdueAnnounced(today);
                    return units.save(SYSTEM, after, List.of(PendingEvent.of(unit.siteId(), unit.id(), new ContractOverdue(sale.dealId(),
                                    unit.siteId(), unit.id(), unit.label(), sale.customerId(), sale.repUserId(), dueOn, today, now))))
                            .filter(Boolean::booleanValue).map(written -> unit.id());
                }))
                .collectList();
    }
}
