package io.anchang.finance.application;

import io.anchang.finance.domain.Receipt;
import io.anchang.finance.domain.Voiding;
import io.anchang.platform.events.finance.ReceiptReversed;
import io.anchang.platform.events.finance.ReceiptVoided;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.Echo;
import reactor.core.publisher.Mono;

import java.util.Set;

/**
 * R-FIN-1, R-FIN-7: a receipt is never deleted. On its own day, before the day is closed, FINANCE voids it
 * with a reason — it keeps its number, and the amount it recorded is due again. Once its day is closed, it
 * is corrected only by a reversing entry (红字冲销) on a later day: a new receipt number with the negative
 * amount. A deposit's receipt moved a unit: it is given back by a refund (R-DEAL-10), not voided.
 */
public class CorrectingReceipts {

    private final Receipts receipts;
    private final DeskCalendar calendar;

    public CorrectingReceipts(Receipts receipts, DeskCalendar calendar) {
        this.receipts = receipts;
        this.calendar = calendar;
    }

    /** R-FIN-1: voids the receipt of a day not closed; a receipt voided before is answered as it is. */
    public Mono<Receipt> voidReceipt(Caller caller, String site, String number, String reason) {
        caller.requireOn(site, Role.FINANCE);
        String why = required(reason);
        return require(caller, site, number).flatMap(receipt -> {
            if (receipt.ledger().voided() != null) {
                return Mono.just(receipt);
            }
            refuseDepositOrReversal(receipt);
            if (receipt.ledger().reversedBy() != null) {
                throw ProblemException.conflict("receipt-reversed", "收据 " + number + " 已由 " + receipt.ledger().reversedBy() + " 冲销 (Reversed already)");
            }
            if (receipt.ledger().closed() || receipt.ledger().businessDay() == null) {
                throw DeskCalendar.dayClosed(receipt.ledger().businessDay() == null ? receipt.confirmedAt().atZone(DeskCalendar.DEFAULT_ZONE).toLocalDate()
                        : receipt.ledger().businessDay());
            }
            return calendar.day(site, receipt.ledger().businessDay()).flatMap(day -> {
                if (!day.takesEntries()) {
                    throw DeskCalendar.dayClosed(receipt.ledger().businessDay());
                }
                Voiding voiding = new Voiding(why, caller.userId(), caller.name(), calendar.now());
                return receipts.voidIt(site, number, voiding, PendingEvent.of(site, number, new ReceiptVoided(number, site,
                                receipt.ledger().dueId(), receipt.ledger().dealId(), receipt.unitId(), receipt.amount().amount(), why,
                                caller.userId(), voiding.at(), receipt.ledger().businessDay(), receipt.kind())).before("ISSUED").because(why))
                        .flatMap(written -> require(caller, site, number).map(after -> {
                            if (!written && after.ledger().voided() == null) {
                                // the day was closed in between
                                throw DeskCalendar.dayClosed(receipt.ledger().businessDay());
                            }
                            return after;
                        }));
            });
        });
    }

    /**
     * R-FIN-7: reverses a receipt of a closed day by a reversing entry booked today (refused once today is
     * closed too); the reversing entry's repeat answers the first one.
     */
    public Mono<Receipts.Issued> reverse(Caller caller, String site, String number, String reason) {
        caller.requireOn(site, Role.FINANCE);
        String why = required(reason);
        return require(caller, site, number).flatMap(receipt -> {
            refuseDepositOrReversal(receipt);
            if (receipt.ledger().voided() != null) {
                throw ProblemException.conflict("receipt-voided", "收据 " + number + " 已作废，无需冲销 (The receipt is voided)");
            }
            String requestId = "reversal:" + number;
            Mono<Receipts.Issued> again = receipts.ofRequest(requestId).map(r -> new Receipts.Issued(r, false));
            return again.switchIfEmpty(Mono.defer(() -> {
                if (!receipt.ledger().closed()) {
                    throw new ProblemException(409, "void-instead", "Conflict", "收据 " + number + " 所在日尚未日结，请直接作废 (Its day is not closed: void it instead)",
                            java.util.Map.of());
                }
                return calendar.openToday(site).flatMap(today -> receipts.issue(new Caller(caller.userId(), caller.name(), Set.of(Role.FINANCE),
                                caller.scope()), seq -> new Receipt(Receipt.number(site, today.getYear(), seq), site, today.getYear(), seq, requestId,
                                receipt.unitId(), receipt.unitLabel(), receipt.customerName(), receipt.repName(), "REVERSAL",
                                io.anchang.platform.money.Money.ZERO.minus(receipt.amount()), receipt.method(), receipt.reference(), caller.userId(),
                                caller.name(), calendar.now(), new Receipt.Ledger(receipt.ledger().dueId(), receipt.ledger().dealId(), today, false, null,
                                number, null)),
                        reversal -> PendingEvent.of(site, reversal.number(), new ReceiptReversed(reversal.number(), number, site,
                                receipt.ledger().dueId(), receipt.ledger().dealId(), receipt.unitId(), reversal.amount().amount(), why,
                                caller.userId(), reversal.confirmedAt(), today, receipt.kind())).because(why)));
            })).flatMap(issued -> receipts.reversedBy(site, number, issued.receipt().number()).thenReturn(issued));
        });
    }

    private static void refuseDepositOrReversal(Receipt receipt) {
        if (receipt.deposit()) {
            throw ProblemException.conflict("deposit-receipt-not-voidable", "收据 " + receipt.number()
                    + " 是定金收据，定金已使房源转为已售；退还定金请走退房审批 (A deposit's receipt moved the unit: give it back by a refund, R-DEAL-10)");
        }
        if ("REVERSAL".equals(receipt.kind())) {
            throw ProblemException.conflict("reversal-not-voidable", "冲销凭证不能再作废或冲销 (A reversing entry stands)");
        }
    }

    private Mono<Receipt> require(Caller caller, String site, String number) {
        return receipts.find(caller.scope(), site, number).switchIfEmpty(Mono.error(() -> ProblemException.notFound("receipt-unknown",
                "没有收据 " + Echo.of(number) + " (No receipt " + Echo.of(number) + ")")));
    }

    static String required(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason-required", "作废或冲销须填写原因 (A void or reversal needs its reason)");
        }
        return reason.trim();
    }
}
