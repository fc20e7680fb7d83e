package io.anchang.deal.application;

import io.anchang.deal.domain.Contract;
import io.anchang.deal.domain.DepositKind;
import io.anchang.deal.domain.Unit;
import io.anchang.platform.events.deal.ContractFiled;
import io.anchang.platform.events.deal.ContractSigned;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * R-DEAL-6: the contract (签约) is signed from a big deposit, within {@code contractDays} (later is
 * allowed and flagged), with payment terms — down payment, instalments, a mortgage — that with the
 * deposits add up to the price; the unit becomes CONTRACTED and the credit and shares are final
 * (R-ATT-17, R-DEAL-11). finance-service turns the terms into amounts due (R-FIN-3). Its online filing
 * (网签) status is kept by the desk.
 */
public class SigningContracts {

    private final UnitWrites writes;
    private final LocalSiteDirectory directory;
    private final Clock clock;

    public SigningContracts(UnitWrites writes, LocalSiteDirectory directory, Clock clock) {
        this.writes = writes;
        this.directory = directory;
        this.clock = clock;
    }

    /** The deal's rep (or a SUPERVISOR/MANAGER) signs the contract with its terms. */
    public Mono<HoldingUnits.Answer> sign(Caller caller, String site, String unitId, List<Contract.Term> terms, String requestId) {
        caller.requireOn(site, Role.SALES);
        return directory.require(caller.scope(), site).flatMap(profile -> writes.change(caller, site, unitId, "contract", requestId,
                // the same request id for other terms or another signer is refused (409 request-id-reused)
                Unit.fingerprint(caller.userId(), terms), unit -> {
            Deals.requireDealOf(caller, unit);
            Instant now = clock.instant();
            LocalDate today = Deals.day(profile, now);
            return unit.signContract(Deals.idFor(site, unitId, "contract", requestId), terms, today, dueOn(unit, profile), caller.userId(), now);
        }, (before, after) -> List.of(signed(after, caller))));
    }

    /**
     * R-DEAL-6: the last day to sign: {@code contractDays} after the big deposit, in the site's calendar (kept on the deal
     * since it was confirmed; for a deal confirmed before that was kept, from its big deposit and today's policy).
     */
    static LocalDate dueOn(Unit unit, SiteProfile profile) {
        Unit.Sale sale = unit.sale();
        if (sale == null) {
            return null;
        }
        if (sale.dealing().contractDueOn() != null) {
            return sale.dealing().contractDueOn();
        }
        return sale.deposits().stream().filter(d -> d.kind() == DepositKind.BIG).map(Unit.Deposit::confirmedAt).findFirst()
                .map(at -> Deals.day(profile, at).plusDays(Deals.policy(profile, at).contractDays())).orElse(null);
    }

    private static PendingEvent signed(Unit after, Caller caller) {
        Unit.Sale sale = after.sale();
        Contract c = sale.dealing().contract();
        return PendingEvent.of(after.siteId(), after.id(), new ContractSigned(sale.dealId(), after.siteId(), after.id(), after.label(),
                sale.customerId(), c.buyer().name(), sale.repUserId(), sale.repName(), c.contractId(), c.price().amount(),
                c.deposits().amount(), c.terms().stream().map(t -> new ContractSigned.Term(t.no(), t.kind().name(), t.amount().amount(),
                t.dueOn())).toList(), c.signedOn(), c.dueOn(), c.late(), Deals.shares(sale), caller.userId(), c.signedAt()))
                .before("BIG_DEPOSIT").because(c.late() ? "R-DEAL-6 逾期签约（应于 " + c.dueOn() + " 前） (signed after contractDays)" : "R-DEAL-6 签约");
    }

    /** R-DEAL-6: the online filing (网签) status, kept by the ASSISTANT, a SUPERVISOR or the MANAGER; FILED needs its number. */
    public Mono<Unit> file(Caller caller, String site, String unitId, Contract.FilingStatus status, String filingNo, String note) {
        caller.requireOn(site, Role.ASSISTANT, Role.SUPERVISOR);
        if (status == null || status == Contract.FilingStatus.NOT_FILED) {
            throw ProblemException.invalid("filing-status-invalid", "网签状态为 SUBMITTED（已提交）、FILED（已备案）或 REJECTED（被退回） (status: SUBMITTED, FILED or REJECTED)");
        }
        if (status == Contract.FilingStatus.FILED && (filingNo == null || filingNo.isBlank())) {
            throw ProblemException.invalid("filing-number-required", "网签备案须填写备案号 (A filed contract needs its filing number)");
        }
        Instant now = clock.instant();
        return writes.change(caller, site, unitId, "filing", null,
                unit -> unit.file(new Contract.Filing(status, filingNo == null ? null : filingNo.trim(), note, caller.userId(), now)),
                (before, after) -> List.of(PendingEvent.of(site, unitId, new ContractFiled(after.sale().dealId(), site, unitId,
                        after.sale().dealing().contract().contractId(), status.name(), filingNo, note, caller.userId(), now))
                        .before(before.sale().dealing().contract().filing().status().name())))
                .map(HoldingUnits.Answer::unit);
    }
}
