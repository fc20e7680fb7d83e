package io.anchang.deal.application;

import io.anchang.deal.domain.Dealing;
import io.anchang.deal.domain.Unit;
import io.anchang.platform.events.deal.ApprovalDeclined;
import io.anchang.platform.events.deal.RefundRequested;
import io.anchang.platform.events.deal.Refunded;
import io.anchang.platform.events.deal.UnitReleased;
import io.anchang.platform.money.Money;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * R-DEAL-10, refund (退房): refused after the contract (坚决不退房). Before it, the rep records the
 * retention talk (做客户工作) with the request, and a MANAGER's approval says what of the deposit is paid
 * back — the rest is forfeited (定金罚则); the unit returns to sale, FINANCE pays out (R-FIN-4, R-SEC-2), and
 * the credit and bonus shares are reversed (R-ATT-17).
 */
public class Refunding {

    private final UnitWrites writes;
    private final Clock clock;

    public Refunding(UnitWrites writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    /** The deal's rep (or a SUPERVISOR/MANAGER) asks for the refund, with the retention talk. */
    public Mono<HoldingUnits.Answer> request(Caller caller, String site, String unitId, String retentionTalk, String reason, String requestId) {
        caller.requireOn(site, Role.SALES);
        Instant now = clock.instant();
        String approvalId = Deals.idFor(site, unitId, "refund-request", requestId);
        return writes.change(caller, site, unitId, "refund-request", requestId, Unit.fingerprint(caller.userId(), retentionTalk, reason), unit -> {
            Deals.requireDealOf(caller, unit);
            return unit.requestRefund(approvalId, retentionTalk, reason, caller.userId(), now);
        }, (before, after) -> List.of(PendingEvent.of(site, unitId, new RefundRequested(approvalId, after.sale().dealId(), site, unitId,
                after.label(), after.sale().paidInAll().amount(), after.sale().dealing().approval().retentionTalk(), reason, caller.userId(), now))
                .because(reason)));
    }

    /** R-DEAL-10: the MANAGER approves: {@code refundAmount} (0 up to what was paid) is paid back, the unit is on sale again. */
    public Mono<HoldingUnits.Answer> approve(Caller caller, String site, String unitId, String approvalId, Money refundAmount, String reason) {
        caller.requireOn(site, Role.MANAGER);
        Instant now = clock.instant();
        return writes.change(caller, site, unitId, "approval", approvalId, unit -> unit.refund(approvalId, refundAmount),
                (before, after) -> refunded(before, refundAmount, reason, caller, now));
    }

    private static List<PendingEvent> refunded(Unit before, Money refund, String reason, Caller caller, Instant at) {
        Unit.Sale sale = before.sale();
        Dealing.Approval approval = sale.dealing().approval();
        List<String> receipts = new ArrayList<>(sale.deposits().stream().map(Unit.Deposit::receiptNo).toList());
        sale.dealing().payments().forEach(p -> receipts.add(p.receiptNo()));
        List<PendingEvent> events = new ArrayList<>();
        events.add(PendingEvent.of(before.siteId(), before.id(), new UnitReleased(before.id(), before.siteId(), before.label(), null,
                "REFUNDED", caller.userId(), at)).before(before.status()).because("R-DEAL-10 退房"));
        events.add(PendingEvent.of(before.siteId(), before.id(), new Refunded(approval.approvalId(), sale.dealId(), before.siteId(), before.id(),
                before.label(), sale.customerId(), sale.paidInAll().amount(), refund.amount(), sale.paidInAll().minus(refund).amount(),
                receipts, approval.retentionTalk(), reason == null ? approval.reason() : reason, Deals.shares(sale), caller.userId(), at))
                .before(before.status()).because(reason));
        return events;
    }

    /** A MANAGER declines the refund: the customer stays, nothing else changes. */
    public Mono<Unit> decline(Caller caller, String site, String unitId, String approvalId, String reason) {
        caller.requireOn(site, Role.MANAGER);
        Instant now = clock.instant();
        return writes.change(caller, site, unitId, "decline", null, unit -> unit.decline(approvalId),
                (before, after) -> List.of(PendingEvent.of(site, unitId, new ApprovalDeclined(approvalId, before.sale().dealId(), site, unitId,
                        "REFUND", reason, caller.userId(), now)).because(reason))).map(HoldingUnits.Answer::unit);
    }
}
