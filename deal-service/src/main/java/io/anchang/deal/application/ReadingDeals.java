package io.anchang.deal.application;

import io.anchang.deal.domain.Dealing;
import io.anchang.deal.domain.Unit;
import io.anchang.deal.domain.UnitStatus;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The deals of a site as the rep's deal page, the registers and the MANAGER's approvals see them: each
 * with its contract's last day and whether it is overdue (R-DEAL-6), in the site's calendar.
 */
public class ReadingDeals {

    private final Units units;
    private final LocalSiteDirectory directory;
    private final Clock clock;

    public ReadingDeals(Units units, LocalSiteDirectory directory, Clock clock) {
        this.units = units;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * A deal on its unit, with the day it stands on.
     *
     * @param contractDueOn   the last day to sign the contract (R-DEAL-6)
     * @param contractOverdue a big deposit past that day without a contract
     */
    public record Deal(Unit unit, LocalDate contractDueOn, boolean contractOverdue) {

        /** The day {@code deal.contract-overdue} was announced, once (R-DEAL-6). */
        public LocalDate overdueAnnouncedOn() {
            return unit.sale() == null ? null : unit.sale().dealing().contractOverdueOn();
        }
    }

    /**
     * The site's deals with a deposit or a contract: a rep sees their own, the SUPERVISOR, MANAGER, ASSISTANT
     * and FINANCE every deal; {@code overdueOnly} the big deposits past their contract day.
     */
    public Flux<Deal> deals(Caller caller, String site, boolean overdueOnly) {
        caller.scope().requireRead(site);
        boolean all = caller.hasAny(Role.SUPERVISOR, Role.ASSISTANT, Role.FINANCE, Role.HEAD_OFFICE, Role.SALES_CONTROL);
        return directory.require(caller.scope(), site).flatMapMany(profile -> {
            LocalDate today = Deals.day(profile, clock.instant());
            return units.withDeals(caller.scope(), site)
                    .filter(unit -> all || unit.sale().repUserId().equals(caller.userId()))
                    .map(unit -> {
                        LocalDate dueOn = unit.sale().dealing().contract() != null ? unit.sale().dealing().contract().dueOn()
                                : SigningContracts.dueOn(unit, profile);
                        boolean overdue = unit.status() == UnitStatus.BIG_DEPOSIT && dueOn != null && today.isAfter(dueOn);
                        return new Deal(unit, dueOn, overdue);
                    })
                    .filter(deal -> !overdueOnly || deal.contractOverdue());
        });
    }

    /** What waits for the site's MANAGER: unit changes outside the rule, refunds, open breach cases. */
    public Flux<Deal> awaitingManager(Caller caller, String site) {
        caller.requireOn(site, Role.MANAGER);
        return deals(caller, site, false).filter(deal -> deal.unit().sale().dealing().approval() != null
                || deal.unit().sale().dealing().openBreach().isPresent());
    }

    /**
     * The kind of the request {@code approvalId} on unit {@code unitId}: waiting for the MANAGER, or decided
     * before by an approval (then its repeat is answered as it went); 409 when it is gone.
     */
    public Mono<Dealing.ApprovalKind> approvalKind(Caller caller, String site, String unitId, String approvalId) {
        caller.requireOn(site, Role.MANAGER);
        return units.find(caller.scope(), site, unitId).switchIfEmpty(Mono.error(() -> ManagingInventory.unknownUnit(unitId)))
                .map(unit -> {
                    Dealing.Approval waiting = unit.sale() == null ? null : unit.sale().dealing().approval();
                    if (waiting != null && waiting.approvalId().equals(approvalId)) {
                        return waiting.kind();
                    }
                    if (unit.movedDeal(approvalId).isPresent()) {
                        return Dealing.ApprovalKind.UNIT_CHANGE;
                    }
                    if (unit.answered("approval", approvalId)) {
                        return Dealing.ApprovalKind.REFUND;
                    }
                    throw ProblemException.conflict("approval-gone", "这项审批已处理或已不存在 (This request was decided already or is gone)");
                });
    }
}
