package io.anchang.deal.application;

import io.anchang.deal.domain.Buyer;
import io.anchang.deal.domain.Dealing;
import io.anchang.deal.domain.Unit;
import io.anchang.deal.domain.UnitStatus;
import io.anchang.platform.events.deal.NameChangeRequested;
import io.anchang.platform.events.deal.NameChanged;
import io.anchang.platform.events.finance.PaymentRecorded;
import io.anchang.platform.money.Money;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * R-DEAL-8, name change (换名). After the contract it is a transfer: the transfer fee
 * ({@code transferFeePercent} of the price, or {@code transferFeeFixed}) is due at the finance desk, and
 * the change takes effect only once FINANCE has recorded it (R-FIN-4, R-SEC-2). Before the contract it is
 * a void and reissue of the agreement by a MANAGER (R-DEAL-5), without fee.
 */
public class ChangingNames {

    private final UnitWrites writes;
    private final IssuingAgreements issuing;
    private final Units units;
    private final LocalSiteDirectory directory;
    private final Clock clock;

    public ChangingNames(UnitWrites writes, IssuingAgreements issuing, Units units, LocalSiteDirectory directory, Clock clock) {
        this.writes = writes;
        this.issuing = issuing;
        this.units = units;
        this.directory = directory;
        this.clock = clock;
    }

    /** The new buyer, why, and (before the contract) who keeps the voided agreement's paper copies. */
    public record Rename(Buyer buyer, String reason, String paperKeeper) {
    }

    /** What a name change did: CHANGED (before the contract, at once) or FEE_DUE (after it, waiting for FINANCE). */
    public record Outcome(String state, Unit unit, Money fee, boolean repeated) {
    }

    public Mono<Outcome> rename(Caller caller, String site, String unitId, Rename rename, String requestId) {
        caller.requireOn(site, Role.SALES);
        if (rename.buyer() == null) {
            throw ProblemException.invalid("buyer-contact-invalid", "请填写新买受人的姓名、电话、地址和邮编 (Give the new buyer's name, phone, address and postcode)");
        }
        return units.find(caller.scope(), site, unitId).switchIfEmpty(Mono.error(() -> ManagingInventory.unknownUnit(unitId)))
                .flatMap(unit -> unit.status() == UnitStatus.CONTRACTED || unit.answered("name-change-fee", requestId)
                        ? transfer(caller, site, unitId, rename, requestId)
                        : reissue(caller, site, unitId, rename, requestId));
    }

    /** R-DEAL-8 after the contract: the fee is due at finance; the contract's buyer stays until FINANCE records it. */
    private Mono<Outcome> transfer(Caller caller, String site, String unitId, Rename rename, String requestId) {
        Instant now = clock.instant();
        return directory.require(caller.scope(), site).flatMap(profile -> writes.change(caller, site, unitId, "name-change-fee", requestId, unit -> {
            Deals.requireDealOf(caller, unit);
            return unit.requestNameChange(Deals.idFor(site, unitId, "name-change", requestId), rename.buyer(),
                    fee(unit, Deals.policy(profile, now)), rename.reason(), caller.userId(), now);
        }, (before, after) -> {
            Dealing.NameChange n = after.sale().dealing().nameChange();
            return List.of(PendingEvent.of(site, unitId, new NameChangeRequested(n.nameChangeId(), after.sale().dealId(), site, unitId,
                    after.label(), after.sale().dealing().contract().buyer().name(), n.buyer().name(), Deals.mask(n.buyer().phone()),
                    n.fee().amount(), caller.userId(), now)).because(rename.reason()));
        })).map(answer -> new Outcome("FEE_DUE", answer.unit(), answer.unit().sale().dealing().nameChange() == null ? null
                : answer.unit().sale().dealing().nameChange().fee(), answer.repeated()));
    }

    /** R-DEAL-8: the transfer fee — a fixed amount if the site set one, else the percentage of the contract price. */
    static Money fee(Unit unit, PolicySettings policy) {
        Money price = unit.sale().dealing().contract() == null ? unit.sale().price().price() : unit.sale().dealing().contract().price();
        return policy.transferFeeFixed() != null ? new Money(policy.transferFeeFixed()) : price.percent(policy.transferFeePercent());
    }

    /** R-DEAL-8 before the contract: a MANAGER voids the agreement and issues it to the new buyer (R-DEAL-5), no fee. */
    private Mono<Outcome> reissue(Caller caller, String site, String unitId, Rename rename, String requestId) {
        caller.requireOn(site, Role.MANAGER);
        Instant now = clock.instant();
        return writes.change(caller, site, unitId, "name-change", requestId, unit -> {
                    if (unit.status() == UnitStatus.SMALL_DEPOSIT) {
                        throw ProblemException.conflict("agreement-unknown", "小定尚无认购书，转大定时填写买受人即可 (A small deposit has no agreement; name the buyer at the big deposit)");
                    }
                    return unit.voidAgreement("NAME_CHANGE", rename.reason(), rename.paperKeeper(), rename.buyer(), caller.userId(), now,
                            unit.sale() == null ? null : unit.sale().dealId() + ":" + Deals.idFor(site, unitId, "name-change", requestId));
                },
                (before, after) -> List.of(CorrectingAgreements.voided(before, after, caller, now),
                        PendingEvent.of(site, unitId, new NameChanged(Deals.idFor(site, unitId, "name-change", requestId), after.sale().dealId(), site,
                                unitId, after.label(), before.sale().agreement().buyer().name(), rename.buyer().name(),
                                Deals.mask(rename.buyer().phone()), false, Money.ZERO.amount(), null, now)).because(rename.reason())))
                .flatMap(answer -> issuing.numberAgreement(site, unitId).then(units.find(caller.scope(), site, unitId))
                        .map(unit -> new Outcome("CHANGED", unit, Money.ZERO, answer.repeated())));
    }

    /** R-DEAL-8: FINANCE recorded the transfer fee in full: the name change takes effect. */
    public Mono<Void> feePaid(PaymentRecorded paid) {
        if (!"TRANSFER_FEE".equals(paid.kind()) || !paid.settled() || paid.subject() == null) {
            return Mono.empty();
        }
        return writes.deal(paid.siteId(), paid.dealId(), unit -> unit.nameChangePaid(paid.subject()), (before, after) -> {
            Dealing.NameChange n = before.sale().dealing().nameChange();
            return List.of(PendingEvent.of(after.siteId(), after.id(), new NameChanged(n.nameChangeId(), after.sale().dealId(), after.siteId(),
                    after.id(), after.label(), before.sale().dealing().contract().buyer().name(), n.buyer().name(),
                    Deals.mask(n.buyer().phone()), true, n.fee().amount(), paid.receiptNo(), clock.instant()))
                    .because("R-DEAL-8 过户费已由财务收取，收据 " + paid.receiptNo()));
        }).then();
    }
}
