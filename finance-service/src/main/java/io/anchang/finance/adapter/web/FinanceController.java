package io.anchang.finance.adapter.web;

import io.anchang.finance.adapter.print.ReceiptPdf;
import io.anchang.finance.application.FinanceDesk;
import io.anchang.finance.application.Receipts;
import io.anchang.finance.domain.DepositRequest;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.Receipt;
import io.anchang.finance.domain.RefundDue;
import io.anchang.finance.adapter.print.Capitals;
import io.anchang.platform.security.Caller;
import io.anchang.platform.validation.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The finance desk: the deposit queue, FINANCE's confirmation with its receipt, receipts as PDF, refunds due. */
@RestController
public class FinanceController {

    private final FinanceDesk desk;
    private final Clock clock;
    private final io.anchang.finance.application.DeskCalendar calendar;

    public FinanceController(FinanceDesk desk, Clock clock, io.anchang.finance.application.DeskCalendar calendar) {
        this.desk = desk;
        this.clock = clock;
        this.calendar = calendar;
    }

    /**
     * What FINANCE enters: amount ("20000.00" or 20000, at most 10^10 yuan), currency (CNY), method,
     * reference; {@code cashInHand}: the money was taken already — after the deadline such a
     * confirmation records it with its receipt and a refund due, instead of being refused (R-DEAL-2,
     * R-FIN-2). The same confirmation again answers the first receipt (200, {@code alreadyConfirmed}).
     */
    public record ConfirmationBody(Object amount, @Size(max = 3) String currency, PaymentMethod method,
                                   @PlainText(max = 64) String reference, Boolean cashInHand) {
    }

    /** A request at the desk; {@code deadline}: when a confirmation is no longer taken (the hold's expiry, or the small deposit's lapse). */
    public record QueueItem(String requestId, String unitId, String unitLabel, String customerId, String customerName,
                            String repUserId, String repName, String kind, String amountDue, String price,
                            Instant holdExpiresAt, Long secondsLeft, Instant requestedAt, Instant deadline) {
    }

    /**
     * A receipt: {@code kind} SMALL/BIG for a deposit, else what was due (DOWN_PAYMENT, INSTALMENT, MORTGAGE, TRANSFER_FEE,
     * PENALTY) or REVERSAL (a negative reversing entry); the desk's day it is booked on, whether that day is closed, its void.
     */
    public record ReceiptView(String receiptNo, String siteId, String requestId, String unitId, String unitLabel,
                              String customerName, String repName, String kind, String amount, String amountInWords,
                              String method, String reference, String confirmedBy, Instant confirmedAt, boolean alreadyConfirmed,
                              String dueId, String dealId, java.time.LocalDate businessDay, boolean closed, boolean voided,
                              String voidReason, String reverses, String reversedBy) {

        static ReceiptView of(Receipt r, boolean already) {
            Receipt.Ledger l = r.ledger();
            return new ReceiptView(r.number(), r.siteId(), r.requestId(), r.unitId(), r.unitLabel(), r.customerName(), r.repName(),
                    r.kind(), r.amount().toString(), Capitals.of(r.amount()), r.method().name(), r.reference(), r.confirmedBy(),
                    r.confirmedAt(), already, l.dueId(), l.dealId(), l.businessDay(), l.closed(), l.voided() != null,
                    l.voided() == null ? null : l.voided().reason(), l.reverses(), l.reversedBy());
        }
    }

    /**
     * What the desk owes back: OPEN while anything remains, PAID once paid out in full; {@code paid} so far and what
     * {@code remains}; every payout with its voucher ({@code voucherNo}: the last payout's that counts).
     */
    public record RefundView(String refundId, String requestId, String unitId, String unitLabel, String receiptNo, String amount,
                             String reason, Instant openedAt, String status, String dealId, String voucherNo, String payee, String paid,
                             String remaining, java.util.List<PayoutView> payouts) {
        static RefundView of(RefundDue r) {
            return new RefundView(r.refundId(), r.requestId(), r.unitId(), r.unitLabel(), r.receiptNo(), r.amount().toString(),
                    r.reason(), r.openedAt(), r.status(), r.dealId(), r.voucherNo(), r.lastPayout().map(RefundDue.Payout::payee).orElse(null),
                    r.paid().toString(), r.remaining().toString(), r.payouts().stream().map(p -> new PayoutView(p.requestId(), p.amount().toString(),
                            p.method().name(), p.payee(), p.by(), p.at(), p.businessDay(), p.voucherNo(), p.undone())).toList());
        }
    }

    /** One payout of a refund: its voucher once issued; {@code undone} once that voucher was voided or reversed. */
    public record PayoutView(String requestId, String amount, String method, String payee, String by, Instant at, java.time.LocalDate businessDay,
                             String voucherNo, boolean undone) {
    }

    @Operation(summary = "The finance desk's queue: deposits requested by reps, with the hold's time left (FINANCE, MANAGER)")
    @GetMapping("/api/finance/sites/{site}/deposit-requests")
    public Flux<QueueItem> queue(Caller caller, @PathVariable String site) {
        Instant now = clock.instant();
        return desk.queue(caller, site).map(r -> item(r, now));
    }

    /**
     * R-SEC-2, R-FIN-1, R-FIN-2: FINANCE confirms a deposit and a receipt is issued. Every
     * other role is refused and audited before the body is read.
     */
    @Operation(summary = "FINANCE confirms a requested deposit with amount, method and reference; a gap-free receipt is issued. Any other role is refused and audited")
    @PostMapping("/api/finance/deposit-requests/{requestId}/confirmation")
    public Mono<ResponseEntity<ReceiptView>> confirm(Caller caller, @PathVariable String requestId,
                                                     @Valid @RequestBody(required = false) Mono<ConfirmationBody> body) {
        return desk.confirm(caller, requestId, body.map(b -> new FinanceDesk.Payment(b.amount(), b.currency(), b.method(), b.reference(),
                        Boolean.TRUE.equals(b.cashInHand()))))
                .map(issued -> ResponseEntity.status(issued.fresh() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(ReceiptView.of(issued.receipt(), !issued.fresh())));
    }

    @Operation(summary = "A receipt")
    @GetMapping("/api/finance/sites/{site}/receipts/{receiptNo}")
    public Mono<ReceiptView> receipt(Caller caller, @PathVariable String site, @PathVariable String receiptNo) {
        return desk.receipt(caller, site, receiptNo).map(r -> ReceiptView.of(r, false));
    }

    @Operation(summary = "A receipt as PDF (收据), three copies")
    @GetMapping(value = "/api/finance/sites/{site}/receipts/{receiptNo}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public Mono<ResponseEntity<byte[]>> receiptPdf(Caller caller, @PathVariable String site, @PathVariable String receiptNo) {
        return desk.receipt(caller, site, receiptNo).zipWith(desk.siteName(caller, site)).zipWith(calendar.zone(site), (t, zone) ->
                        reactor.util.function.Tuples.of(t.getT1(), t.getT2(), zone))
                .publishOn(Schedulers.boundedElastic())
                .map(t -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                                .filename(receiptNo + ".pdf", StandardCharsets.UTF_8).build().toString())
                        .body(ReceiptPdf.print(t.getT1(), t.getT2(), t.getT3())));
    }

    @Operation(summary = "Refunds due: money taken for deposits the deal could not accept (FINANCE, MANAGER)")
    @GetMapping("/api/finance/sites/{site}/refunds-due")
    public Flux<RefundView> refundsDue(Caller caller, @PathVariable String site) {
        return desk.refundsDue(caller, site).map(RefundView::of);
    }

    private static QueueItem item(DepositRequest r, Instant now) {
        Duration left = r.timeLeft(now);
        return new QueueItem(r.requestId(), r.unitId(), r.unitLabel(), r.customerId(), r.customerName(), r.repUserId(), r.repName(),
                r.kind(), r.amountDue().toString(), r.price().toString(), r.holdExpiresAt(), left == null ? null : left.toSeconds(),
                r.requestedAt(), r.deadline());
    }
}
