package io.anchang.deal.application;

import io.anchang.deal.domain.Dealing;
import io.anchang.deal.domain.Pricing;
import io.anchang.deal.domain.Unit;
import io.anchang.deal.domain.UnitStatus;
import io.anchang.platform.events.deal.AgreementVoided;
import io.anchang.platform.events.deal.ApprovalDeclined;
import io.anchang.platform.events.deal.UnitChangeRequested;
import io.anchang.platform.events.deal.UnitChanged;
import io.anchang.platform.events.deal.UnitReleased;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.Echo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * R-DEAL-7, unit change (换房): the deal with its paid deposits moves to another unit, and the old unit is
 * AVAILABLE again. A change goes through when the new unit is larger, of a lower grade, or dearer;
 * otherwise only with a MANAGER's approval and reason.
 *
 * <p>Two units are two documents and the store has no transactions over several, so the move is a
 * claim-then-release protocol of conditional writes in which the old unit decides:
 * <ol>
 *   <li><b>leave</b> — the old unit records the change under way ({@code move OUT}), conditional on its version;</li>
 *   <li><b>claim</b> — the new unit goes from AVAILABLE to the deal's status with the deal ({@code move IN}),
 *       conditional on its version: of any number of changes onto one unit exactly one wins; the others undo step 1;</li>
 *   <li><b>commit</b> — the old unit is AVAILABLE again, conditional on still showing this change: <em>this write
 *       decides</em> that the change happened;</li>
 *   <li><b>settle</b> — the new unit's {@code move IN} is cleared, with {@code deal.unit-changed}.</li>
 * </ol>
 * A unit that shows a move is never held, sold or refunded by anyone else meanwhile. Whatever stops the
 * protocol half-way (a crash, a lost answer), {@link #recover} finishes or undoes it from what the two units
 * show, by the rule: <em>the deal is where the old unit says</em> — the old unit still carrying it with this
 * change under way: commit; still carrying it without: the claim is undone; no longer carrying it: the change
 * was committed, settle. So both units are never left sold, nor neither: the deal is on exactly one unit.
 */
public class ChangingUnits {

    private static final Logger log = LoggerFactory.getLogger(ChangingUnits.class);
    private static final Caller SYSTEM = Caller.system("deal-service");

    private final Units units;
    private final UnitWrites writes;
    private final IssuingAgreements issuing;
    private final Clock clock;

    public ChangingUnits(Units units, UnitWrites writes, IssuingAgreements issuing, Clock clock) {
        this.units = units;
        this.writes = writes;
        this.issuing = issuing;
        this.clock = clock;
    }

    /** What the rep (or MANAGER) asks: the new unit, why, and whether to send a change outside the rule for approval. */
    public record Change(String toUnitId, String reason, boolean requestApproval) {
    }

    /** Where the change stands: MOVED (the unit the deal is on now) or AWAITING_APPROVAL (the unit it is still on). */
    public record Outcome(String state, Unit unit, boolean repeated) {
    }

    /**
     * R-DEAL-7: the deal's rep, a SUPERVISOR or the MANAGER changes the deal's unit. Inside the rule it goes
     * through at once; outside it a MANAGER does it with a reason, anyone else is refused — or, asked to,
     * the request waits for a MANAGER's approval.
     */
    public Mono<Outcome> change(Caller caller, String site, String fromId, Change change, String requestId) {
        caller.requireOn(site, Role.SALES);
        return Mono.zip(requireUnit(caller, site, fromId), requireUnit(caller, site, change.toUnitId())).flatMap(t -> {
            Unit from = t.getT1();
            Unit to = t.getT2();
            Optional<String> moved = from.movedDeal(requestId);
            if (moved.isPresent() && from.carries(moved.get())) {
                throw ProblemException.conflict("unit-change-under-way", "这次换房正在办理，请稍后刷新 (This unit change is under way; reload in a moment)");
            }
            if (moved.isPresent()) {
                // a repeat of a change that went through: the unit the deal is on now
                return units.ofDeal(caller.scope(), site, moved.get()).map(unit -> new Outcome("MOVED", unit, true))
                        .switchIfEmpty(Mono.error(() -> ProblemException.conflict("no-deal", "这笔交易已不在售 (This deal is no longer on sale)")));
            }
            if (from.answered("unit-change-request", requestId)) {
                return Mono.just(new Outcome("AWAITING_APPROVAL", from, true));
            }
            Deals.requireDealOf(caller, from);
            from.requireChangeableTo(to);
            Optional<String> rule = from.changeRuleTo(to);
            String reason = change.reason() == null || change.reason().isBlank() ? null : change.reason().trim();
            if (rule.isPresent()) {
                return move(caller, from, to, rule.get(), null, reason, requestId).map(unit -> new Outcome("MOVED", unit, false));
            }
            if (caller.has(Role.MANAGER) && reason != null) {
                return move(caller, from, to, "MANAGER_APPROVED", caller.userId(), reason, requestId).map(unit -> new Outcome("MOVED", unit, false));
            }
            if (!change.requestApproval()) {
                // R-DEAL-7: outside the rule only a MANAGER's approval with a reason lets it through
                throw new ProblemException(403, "unit-change-needs-approval", "Forbidden", "从 " + from.label() + " 换到 " + to.label()
                        + " 既不更大、等级不更低、也不更贵，须经理审批并说明理由；可提交审批 (Neither larger, of a lower grade nor dearer: a MANAGER's approval with a reason is needed; send it for approval)",
                        Map.of("toUnitId", to.id()));
            }
            if (reason == null) {
                throw ProblemException.invalid("reason-required", "提交换房审批须说明理由 (Give the reason for the manager)");
            }
            Instant now = clock.instant();
            String approvalId = Deals.idFor(site, fromId, "unit-change-request", requestId);
            return writes.change(caller, site, fromId, "unit-change-request", requestId,
                            unit -> unit.requestUnitChange(approvalId, to, reason, caller.userId(), now),
                            (before, after) -> List.of(PendingEvent.of(site, fromId, new UnitChangeRequested(approvalId, after.sale().dealId(),
                                    site, fromId, after.label(), to.id(), to.label(), reason, caller.userId(), now)).because(reason)))
                    .map(answer -> new Outcome("AWAITING_APPROVAL", answer.unit(), answer.repeated()));
        });
    }

    /** R-DEAL-7: the MANAGER approves a waiting unit change with a reason: it goes through now, if the unit is still free. */
    public Mono<Outcome> approve(Caller caller, String site, String fromId, String approvalId, String reason) {
        caller.requireOn(site, Role.MANAGER);
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason-required", "审批换房须说明理由 (An approval needs its reason)");
        }
        return requireUnit(caller, site, fromId).flatMap(from -> {
            Optional<String> moved = from.movedDeal(approvalId);
            if (moved.isPresent() && !from.carries(moved.get())) {
                // the approval's repeat: the unit the deal went to
                return units.ofDeal(caller.scope(), site, moved.get()).map(unit -> new Outcome("MOVED", unit, true))
                        .switchIfEmpty(Mono.error(() -> ProblemException.conflict("no-deal", "这笔交易已不在售 (This deal is no longer on sale)")));
            }
            Dealing.Approval waiting = from.approval(approvalId);
            return requireUnit(caller, site, waiting.toUnitId())
                    .flatMap(to -> move(caller, from, to, "MANAGER_APPROVED", caller.userId(), reason.trim(), approvalId))
                    .map(unit -> new Outcome("MOVED", unit, false));
        });
    }

    /** A MANAGER declines a waiting unit change: the deal stays where it is. */
    public Mono<Unit> decline(Caller caller, String site, String fromId, String approvalId, String reason) {
        caller.requireOn(site, Role.MANAGER);
        Instant now = clock.instant();
        return writes.change(caller, site, fromId, "decline", null, unit -> unit.decline(approvalId),
                (before, after) -> List.of(PendingEvent.of(site, fromId, new ApprovalDeclined(approvalId, before.sale().dealId(), site,
                        fromId, "UNIT_CHANGE", reason, caller.userId(), now)).because(reason))).map(HoldingUnits.Answer::unit);
    }

    /**
     * The protocol (see the class): leave, claim, commit, settle; a lost claim undoes the leave and answers
     * 409 naming who has the unit.
     *
     * @return the new unit, carrying the deal
     */
    private Mono<Unit> move(Caller caller, Unit from, Unit to, String rule, String approvedBy, String reason, String requestId) {
        String site = from.siteId();
        Instant now = clock.instant();
        String changeId = Deals.idFor(site, from.id(), "unit-change", requestId == null ? null : requestId + "@" + to.id());
        String dealId = from.sale().dealId();
        String answered = "unit-change@" + dealId;
        // 1. leave: the old unit records the change under way
        return writes.change(caller, site, from.id(), answered, requestId,
                        unit -> {
                            if (!unit.carries(dealId)) {
                                throw ProblemException.conflict("unit-changed", "房源刚被他人改动，请刷新后重试 (The unit changed meanwhile; reload and try again)");
                            }
                            return unit.startMove(changeId, to, rule, approvedBy, reason, now);
                        }, (before, after) -> List.of())
                .map(HoldingUnits.Answer::unit)
                // 2. claim the new unit
                .flatMap(leaving -> claim(leaving, to.id(), changeId, now)
                        .onErrorResume(ProblemException.class, lost -> undoLeave(leaving.siteId(), leaving.id(), changeId).then(Mono.error(lost))))
                // 3. commit on the old unit, 4. settle on the new one
                .flatMap(arrived -> commit(site, from.id(), changeId, dealId)
                        .flatMap(committed -> committed ? settle(site, arrived.id(), changeId)
                                : undoArrival(site, arrived.id(), changeId).then(Mono.error(ProblemException.conflict("unit-change-undone",
                                "换房未完成：原房源 " + from.label() + " 已被处理，请刷新后重试 (The change was undone meanwhile; reload and try again)")))))
                .flatMap(settled -> issuing.numberAgreement(site, settled.id()).then(units.find(SiteScope.system(), site, settled.id())));
    }

    /** Step 2: the new unit takes the deal, if AVAILABLE (read again and decided again after a lost race with a non-claim). */
    private Mono<Unit> claim(Unit leaving, String toId, String changeId, Instant now) {
        String site = leaving.siteId();
        return writes.system(site, toId, to -> {
            // R-DEAL-12: the same discount on the new unit's list price, granted by whoever granted it
            Pricing.Price old = leaving.sale().price();
            io.anchang.platform.money.Money listPrice = to.listPrice();
            Pricing.Price price = new Pricing.Price(listPrice, old.discountPercent(), listPrice.minus(listPrice.percent(old.discountPercent())),
                    old.grantedBy());
            return Optional.of(to.arrive(leaving, changeId, price, now));
        }, (before, after) -> List.of()).switchIfEmpty(Mono.error(() -> ManagingInventory.unknownUnit(toId)))
                .onErrorMap(e -> reactor.core.Exceptions.isRetryExhausted(e) ? ProblemException.conflict("unit-changed",
                        "目标房源刚被他人改动，请刷新后重试 (The new unit changed meanwhile; reload and try again)") : e);
    }

    /**
     * Step 3, the commit: the old unit, still showing this change, is AVAILABLE again. True when this change is
     * committed (by this write, or before by the sweep), false when it was undone meanwhile.
     */
    private Mono<Boolean> commit(String site, String fromId, String changeId, String dealId) {
        return units.find(SiteScope.system(), site, fromId).flatMap(from -> {
            if (!from.carries(dealId)) {
                return Mono.just(true);
            }
            Optional<Dealing.Move> out = from.move(changeId, Dealing.Direction.OUT);
            if (out.isEmpty()) {
                return Mono.just(false);
            }
            Unit after = from.moveOut(changeId);
            return units.save(SYSTEM, after, List.of(PendingEvent.of(site, fromId, new UnitReleased(fromId, site, from.label(), null,
                            "UNIT_CHANGED", out.get().approvedBy() == null ? from.sale().repUserId() : out.get().approvedBy(), clock.instant()))
                            .before(from.status()).because("R-DEAL-7 换房至 " + out.get().otherLabel())))
                    .flatMap(written -> written ? Mono.just(true) : Mono.error(new HoldingUnits.Raced()));
        }).retryWhen(reactor.util.retry.Retry.backoff(10, Duration.ofMillis(20)).filter(HoldingUnits.Raced.class::isInstance))
                .defaultIfEmpty(true);
    }

    /** Step 4: the deal has arrived for good, announced with {@code deal.unit-changed} (and a big deposit's voided agreement). */
    private Mono<Unit> settle(String site, String toId, String changeId) {
        return writes.system(site, toId, to -> to.arrived(changeId), (before, after) -> {
            Dealing.Move in = before.move(changeId, Dealing.Direction.IN).orElseThrow();
            Unit.Sale sale = after.sale();
            List<PendingEvent> events = new ArrayList<>();
            events.add(PendingEvent.of(site, toId, new UnitChanged(changeId, sale.dealId(), site, in.otherUnitId(), in.otherLabel(), toId,
                            after.label(), after.status().name(), in.rule(), in.approvedBy(), in.reason(), in.oldPrice().amount(),
                            sale.price().price().amount(), sale.paid().amount(), sale.customerId(), sale.repUserId(), clock.instant()))
                    .because(in.reason() == null ? "R-DEAL-7 " + in.rule() : in.reason()));
            List<Dealing.VoidedAgreement> voided = sale.dealing().voided();
            if (after.status() == UnitStatus.BIG_DEPOSIT && !voided.isEmpty() && "UNIT_CHANGE".equals(voided.get(voided.size() - 1).cause())) {
                Dealing.VoidedAgreement v = voided.get(voided.size() - 1);
                events.add(PendingEvent.of(site, toId, new AgreementVoided(sale.dealId(), site, in.otherUnitId(), in.otherLabel(),
                        v.agreement().number(), v.cause(), v.reason(), v.paperKeeper(), v.voidedBy(), v.voidedAt())).because(v.reason()));
            }
            return events;
        }).switchIfEmpty(Mono.defer(() -> units.find(SiteScope.system(), site, toId)));
    }

    private Mono<Void> undoLeave(String site, String fromId, String changeId) {
        return writes.system(site, fromId, from -> from.undoMove(changeId), (before, after) -> List.of()).then();
    }

    private Mono<Void> undoArrival(String site, String toId, String changeId) {
        return writes.system(site, toId, to -> to.undoArrival(changeId), (before, after) -> List.of()).then();
    }

    /**
     * R-DEAL-7: finishes or undoes every unit change that shows a move older than {@code before} (the protocol
     * stopped half-way), by the rule that the deal is where the old unit says (see the class).
     *
     * @return how many moves were looked at
     */
    public Mono<Long> recover(Instant before) {
        return units.moving().filter(unit -> unit.sale().dealing().move().at().isBefore(before))
                .concatMap(unit -> recover(unit).onErrorResume(e -> {
                    log.warn("the unit change on unit {} could not be recovered now; the next sweep tries again: {}", unit.id(), e.toString());
                    return Mono.empty();
                }).thenReturn(1L)).count();
    }

    private Mono<Void> recover(Unit unit) {
        Dealing.Move move = unit.sale().dealing().move();
        String site = unit.siteId();
        String dealId = unit.sale().dealId();
        if (move.direction() == Dealing.Direction.OUT) {
            // the old unit: did the new one take the deal?
            return units.find(SiteScope.system(), site, move.otherUnitId())
                    .filter(to -> to.carries(dealId) && to.move(move.changeId(), Dealing.Direction.IN).isPresent())
                    .map(Optional::of).defaultIfEmpty(Optional.empty())
                    .flatMap(to -> {
                        if (to.isEmpty()) {
                            log.info("unit change {} of deal {} never claimed unit {}: undone", move.changeId(), dealId, move.otherLabel());
                            return undoLeave(site, unit.id(), move.changeId());
                        }
                        return commit(site, unit.id(), move.changeId(), dealId)
                                .flatMap(committed -> committed ? settle(site, to.get().id(), move.changeId()).then(issuing.numberAgreement(site, to.get().id()))
                                        : undoArrival(site, to.get().id(), move.changeId()));
                    });
        }
        // the new unit: what does the old one say?
        return units.find(SiteScope.system(), site, move.otherUnitId()).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(from -> {
                    if (from.isPresent() && from.get().carries(dealId)) {
                        if (from.get().move(move.changeId(), Dealing.Direction.OUT).isPresent()) {
                            return commit(site, from.get().id(), move.changeId(), dealId)
                                    .flatMap(committed -> committed ? settle(site, unit.id(), move.changeId()).then(issuing.numberAgreement(site, unit.id()))
                                            : undoArrival(site, unit.id(), move.changeId()));
                        }
                        log.info("unit change {} of deal {} was undone on unit {}: the claim of {} is given up", move.changeId(), dealId,
                                move.otherLabel(), unit.label());
                        return undoArrival(site, unit.id(), move.changeId());
                    }
                    return settle(site, unit.id(), move.changeId()).then(issuing.numberAgreement(site, unit.id()));
                });
    }

    private Mono<Unit> requireUnit(Caller caller, String site, String unitId) {
        if (unitId == null || unitId.isBlank()) {
            return Mono.error(ProblemException.invalid("to-unit-required", "请选择要换到的房源 (toUnitId is required)"));
        }
        return units.find(caller.scope(), site, unitId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("unit-unknown", "本案场没有房源 " + Echo.of(unitId)
                        + " (No unit " + Echo.of(unitId) + ")")));
    }
}
