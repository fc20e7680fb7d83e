package io.anchang.finance.adapter.web;

import io.anchang.finance.adapter.print.Capitals;
import io.anchang.finance.adapter.print.CashReportPdf;
import io.anchang.finance.adapter.print.CashReportXlsx;
import io.anchang.finance.adapter.print.ReminderPdf;
import io.anchang.finance.adapter.print.VoucherPdf;
import io.anchang.finance.application.ClosingDays;
import io.anchang.finance.application.CollectingPayments;
import io.anchang.finance.application.CorrectingReceipts;
import io.anchang.finance.application.DeskCalendar;
import io.anchang.finance.application.PayingOut;
import io.anchang.finance.application.TrackingMortgages;
import io.anchang.finance.application.WatchingArrears;
import io.anchang.finance.domain.CashReport;
import io.anchang.finance.domain.Due;
import io.anchang.finance.domain.Mortgage;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.Voucher;
import io.anchang.platform.money.AmountInput;
import io.anchang.platform.security.Caller;
import io.anchang.platform.validation.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The finance desk's day after the deposits (R-FIN-1, R-FIN-3..5, R-FIN-7): amounts due and payments against
 * them, reminder notices, payouts of refunds with vouchers, voids and reversing entries, the day close and the
 * daily cash report, mortgages. Every write here is FINANCE's alone ({@link FinanceOnlyWebFilter}, R-SEC-2).
 */
@RestController
@RequestMapping("/api/finance/sites/{site}")
public class DeskDayController {

    static final String REQUEST_ID = "[A-Za-z0-9._:-]{1,64}";
    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final CollectingPayments payments;
    private final CorrectingReceipts corrections;
    private final PayingOut payouts;
    private final ClosingDays days;
    private final WatchingArrears arrears;
    private final TrackingMortgages mortgages;
    private final DeskCalendar calendar;
    private final io.anchang.finance.application.FinanceDesk desk;

    public DeskDayController(CollectingPayments payments, CorrectingReceipts corrections, PayingOut payouts, ClosingDays days,
                             WatchingArrears arrears, TrackingMortgages mortgages, DeskCalendar calendar,
                             io.anchang.finance.application.FinanceDesk desk) {
        this.payments = payments;
        this.corrections = corrections;
        this.payouts = payouts;
        this.days = days;
        this.arrears = arrears;
        this.mortgages = mortgages;
        this.calendar = calendar;
        this.desk = desk;
    }

    /** What FINANCE takes: amount ("500000.00" or 500000, at most 10^10 yuan), currency (CNY), method, reference; {@code requestId}: its repeat answers the first receipt. */
    public record PaymentBody(Object amount, @Size(max = 3) String currency, PaymentMethod method, @PlainText(max = 64) String reference,
                              @Pattern(regexp = REQUEST_ID) String requestId) {
    }

    public record ReasonBody(@PlainText(max = 200, multiline = true) String reason) {
    }

    /**
     * How a refund is paid out and to whom; {@code amount} ("5000.00" or 5000) a part of what remains, or absent for all of it;
     * {@code requestId}: its repeat answers the first voucher, nothing is paid twice.
     */
    public record PayoutBody(PaymentMethod method, @PlainText(max = 64) String reference, @PlainText(max = 50) String payee, Object amount,
                             @Size(max = 3) String currency, @Pattern(regexp = REQUEST_ID) String requestId) {
    }

    /** R-FIN-7: APPLIED (with the bank), APPROVED (with the approved amount) or REJECTED. */
    public record MortgageBody(@NotNull Mortgage.Stage stage, @PlainText(max = 50) String bank, Object amount, @Size(max = 3) String currency,
                               @PlainText(max = 200, multiline = true) String note) {
    }

    public record DueView(String dueId, String dealId, String unitId, String unitLabel, String payerName, String kind, String kindName,
                          int termNo, String amount, String paid, String outstanding, String outstandingInWords, LocalDate dueOn,
                          String status, boolean overdue, long daysOverdue, List<PaymentView> payments) {

        static DueView of(Due d, LocalDate today) {
            return new DueView(d.dueId(), d.dealId(), d.unitId(), d.unitLabel(), d.payerName(), d.kind().name(), d.kind().chinese(), d.termNo(),
                    d.amount().toString(), d.paid().toString(), d.outstanding().toString(), Capitals.of(d.outstanding()), d.dueOn(),
                    d.status().name(), d.overdueOn(today), d.overdueOn(today) ? d.daysOverdue(today) : 0,
                    d.payments().stream().map(p -> new PaymentView(p.receiptNo(), p.amount().toString(), p.method().name(), p.by(), p.at(),
                            p.businessDay(), p.undone())).toList());
        }
    }

    public record PaymentView(String receiptNo, String amount, String method, String by, Instant at, LocalDate businessDay, boolean undone) {
    }

    public record VoucherView(String voucherNo, String siteId, String refundId, String unitId, String unitLabel, String reason,
                              String amount, String amountInWords, String method, String reference, String payee, String paidBy,
                              Instant paidAt, LocalDate businessDay, boolean voided, String voidReason, boolean alreadyPaid,
                              String reverses, String reversedBy) {

        static VoucherView of(Voucher v, boolean already) {
            return new VoucherView(v.number(), v.siteId(), v.refundId(), v.unitId(), v.unitLabel(), v.reason(), v.amount().toString(),
                    Capitals.of(v.amount()), v.method().name(), v.reference(), v.payee(), v.paidBy(), v.paidAt(), v.businessDay(),
                    v.voided() != null, v.voided() == null ? null : v.voided().reason(), already, v.reverses(), v.reversedBy());
        }
    }

    /** R-FIN-5: the day, its totals by payment method, every receipt and voucher, and whether it reconciles. */
    public record DayView(String siteId, LocalDate day, String status, String closedBy, Instant closedAt, String received, String paidOut,
                          String net, int receiptCount, int voucherCount, List<MethodLine> byMethod, List<FinanceController.ReceiptView> receipts,
                          List<VoucherView> vouchers, boolean reconciled, boolean alreadyClosed) {

        static DayView of(ClosingDays.Day d) {
            CashReport r = d.report();
            return new DayView(r.siteId(), r.day(), d.day().status().name(), d.day().closedBy(), d.day().closedAt(), r.received().toString(),
                    r.paidOut().toString(), r.net().toString(), r.receiptCount(), r.voucherCount(),
                    Arrays.stream(PaymentMethod.values()).map(m -> {
                        CashReport.Line line = r.byMethod().get(m);
                        return new MethodLine(m.name(), m.chinese(), line.received().toString(), line.paidOut().toString(), line.net().toString(),
                                line.receipts(), line.vouchers());
                    }).toList(),
                    r.receipts().stream().map(x -> FinanceController.ReceiptView.of(x, false)).toList(),
                    r.vouchers().stream().map(v -> VoucherView.of(v, false)).toList(), d.reconciled(), d.alreadyClosed());
        }
    }

    public record MethodLine(String method, String methodName, String received, String paidOut, String net, int receipts, int vouchers) {
    }

    public record MortgageView(String dealId, String unitId, String unitLabel, String buyerName, String loan, String dueId, String stage,
                               String stageName, String bank, String approved, List<Mortgage.Step> history) {
        static MortgageView of(Mortgage m) {
            return new MortgageView(m.dealId(), m.unitId(), m.unitLabel(), m.buyerName(), m.loan().toString(), m.dueId(), m.stage().name(),
                    m.stage().chinese(), m.bank(), m.approved() == null ? null : m.approved().toString(), m.history());
        }
    }

    // ---- amounts due and payments (R-FIN-3) ----

    @Operation(summary = "R-FIN-3 the site's amounts due (FINANCE, MANAGER, ASSISTANT): all, of one deal, or only those overdue today")
    @GetMapping("/dues")
    public Flux<DueView> dues(Caller caller, @PathVariable String site, @RequestParam(required = false) @Size(max = 64) String dealId,
                              @RequestParam(defaultValue = "false") boolean overdue) {
        return calendar.today(site).flatMapMany(today -> (overdue ? arrears.overdue(caller, site) : payments.dues(caller, site, dealId))
                .map(d -> DueView.of(d, today)));
    }

    @Operation(summary = "An amount due with its payments")
    @GetMapping("/dues/{dueId}")
    public Mono<DueView> due(Caller caller, @PathVariable String site, @PathVariable String dueId) {
        return Mono.defer(() -> payments.due(caller, site, dueId)).zipWith(calendar.today(site)).map(t -> DueView.of(t.getT1(), t.getT2()));
    }

    @Operation(summary = "R-FIN-3 R-FIN-7 FINANCE records a payment against an amount due (an instalment, the down payment, the mortgage loan, a fee, a penalty): a gap-free receipt, booked on today unless it is closed")
    @PostMapping("/dues/{dueId}/payments")
    public Mono<ResponseEntity<FinanceController.ReceiptView>> pay(Caller caller, @PathVariable String site, @PathVariable String dueId,
                                                                   @Valid @RequestBody PaymentBody body) {
        return Mono.defer(() -> payments.pay(caller, site, dueId, new CollectingPayments.Payment(body.amount(), body.currency(), body.method(),
                        body.reference()), body.requestId()))
                .map(issued -> ResponseEntity.status(issued.fresh() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(FinanceController.ReceiptView.of(issued.receipt(), !issued.fresh())));
    }

    @Operation(summary = "R-FIN-3 R-DEAL-9 the payment reminder notice (催款通知单) of an amount due as PDF, amounts in capitals (FINANCE, MANAGER, ASSISTANT)")
    @GetMapping(value = "/dues/{dueId}/reminder.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public Mono<ResponseEntity<byte[]>> reminder(Caller caller, @PathVariable String site, @PathVariable String dueId) {
        return Mono.defer(() -> arrears.reminder(caller, site, dueId))
                .zipWith(calendar.today(site)).flatMap(t -> calendar.policy(site, t.getT2()).zipWith(desk.siteName(caller, site))
                        .publishOn(Schedulers.boundedElastic())
                        .map(p -> pdf(ReminderPdf.print(t.getT1(), p.getT2(), t.getT2(), t.getT2().plusDays(7), p.getT1().breachMonths()),
                                "催款通知单-" + t.getT1().unitLabel() + ".pdf")));
    }

    // ---- receipts: voids and reversing entries (R-FIN-1, R-FIN-7) ----

    @Operation(summary = "R-FIN-1 FINANCE voids a receipt of a day not closed, with a reason: the number is kept, the amount is due again; a deposit's receipt is refunded instead")
    @PostMapping("/receipts/{receiptNo}/void")
    public Mono<FinanceController.ReceiptView> voidReceipt(Caller caller, @PathVariable String site, @PathVariable String receiptNo,
                                                           @Valid @RequestBody ReasonBody body) {
        return Mono.defer(() -> corrections.voidReceipt(caller, site, receiptNo, body.reason())).map(r -> FinanceController.ReceiptView.of(r, false));
    }

    @Operation(summary = "R-FIN-7 FINANCE corrects a receipt of a closed day by a reversing entry (红字冲销) booked today")
    @PostMapping("/receipts/{receiptNo}/reversal")
    public Mono<ResponseEntity<FinanceController.ReceiptView>> reverse(Caller caller, @PathVariable String site, @PathVariable String receiptNo,
                                                                       @Valid @RequestBody ReasonBody body) {
        return Mono.defer(() -> corrections.reverse(caller, site, receiptNo, body.reason()))
                .map(issued -> ResponseEntity.status(issued.fresh() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(FinanceController.ReceiptView.of(issued.receipt(), !issued.fresh())));
    }

    // ---- payouts (R-FIN-4) ----

    @Operation(summary = "R-FIN-4 R-DEAL-10 FINANCE pays a refund due out — all that remains, or a part (amount) — with a payment voucher (付款凭证), numbered gap-free, booked on today unless it is closed; a repeat with the same requestId answers the first voucher")
    @PostMapping("/refunds-due/{refundId}/payout")
    public Mono<ResponseEntity<VoucherView>> payOut(Caller caller, @PathVariable String site, @PathVariable String refundId,
                                                    @Valid @RequestBody PayoutBody body) {
        return Mono.defer(() -> payouts.payOut(caller, site, refundId, new PayingOut.Payout(body.method(), body.reference(), body.payee(),
                        body.amount(), body.currency(), body.requestId())))
                .map(issued -> ResponseEntity.status(issued.fresh() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(VoucherView.of(issued.voucher(), !issued.fresh())));
    }

    @Operation(summary = "A payment voucher (FINANCE, MANAGER)")
    @GetMapping("/vouchers/{voucherNo}")
    public Mono<VoucherView> voucher(Caller caller, @PathVariable String site, @PathVariable String voucherNo) {
        return Mono.defer(() -> payouts.voucher(caller, site, voucherNo)).map(v -> VoucherView.of(v, false));
    }

    @Operation(summary = "A payment voucher as PDF (付款凭证), two copies")
    @GetMapping(value = "/vouchers/{voucherNo}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public Mono<ResponseEntity<byte[]>> voucherPdf(Caller caller, @PathVariable String site, @PathVariable String voucherNo) {
        return Mono.defer(() -> payouts.voucher(caller, site, voucherNo)).zipWith(desk.siteName(caller, site)).zipWith(calendar.zone(site))
                .publishOn(Schedulers.boundedElastic())
                .map(t -> pdf(VoucherPdf.print(t.getT1().getT1(), t.getT1().getT2(), t.getT2()), voucherNo + ".pdf"));
    }

    @Operation(summary = "R-FIN-1 FINANCE voids a voucher of a day not closed, with a reason: the number is kept, the refund is owed again")
    @PostMapping("/vouchers/{voucherNo}/void")
    public Mono<VoucherView> voidVoucher(Caller caller, @PathVariable String site, @PathVariable String voucherNo,
                                         @Valid @RequestBody ReasonBody body) {
        return Mono.defer(() -> payouts.voidVoucher(caller, site, voucherNo, body.reason())).map(v -> VoucherView.of(v, false));
    }

    @Operation(summary = "R-FIN-7 FINANCE corrects a voucher of a closed day by a reversing voucher (红字冲销) booked today; the refund is owed again")
    @PostMapping("/vouchers/{voucherNo}/reversal")
    public Mono<ResponseEntity<VoucherView>> reverseVoucher(Caller caller, @PathVariable String site, @PathVariable String voucherNo,
                                                            @Valid @RequestBody ReasonBody body) {
        return Mono.defer(() -> payouts.reverseVoucher(caller, site, voucherNo, body.reason()))
                .map(issued -> ResponseEntity.status(issued.fresh() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(VoucherView.of(issued.voucher(), !issued.fresh())));
    }

    // ---- the day (R-FIN-5, R-FIN-7) ----

    @Operation(summary = "R-FIN-5 the day of the desk: open or closed, its cash report by payment method, every receipt and voucher, reconciled (FINANCE, MANAGER)")
    @GetMapping("/days/{day}")
    public Mono<DayView> day(Caller caller, @PathVariable String site, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        return Mono.defer(() -> days.day(caller, site, day)).map(DayView::of);
    }

    @Operation(summary = "R-FIN-7 FINANCE closes the day (日结): its records change from now on only by reversing entries on a later day")
    @PostMapping("/days/{day}/close")
    public Mono<ResponseEntity<DayView>> close(Caller caller, @PathVariable String site,
                                               @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        return Mono.defer(() -> days.close(caller, site, day)).map(d -> ResponseEntity.status(d.alreadyClosed() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(DayView.of(d)));
    }

    @Operation(summary = "R-FIN-5 the daily cash report (现金日报表) as PDF")
    @GetMapping(value = "/days/{day}/cash-report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public Mono<ResponseEntity<byte[]>> cashReportPdf(Caller caller, @PathVariable String site,
                                                      @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        return Mono.defer(() -> days.day(caller, site, day)).zipWith(desk.siteName(caller, site)).zipWith(calendar.zone(site))
                .publishOn(Schedulers.boundedElastic())
                .map(t -> pdf(CashReportPdf.print(t.getT1().getT1().report(), t.getT1().getT2(), t.getT2()), "现金日报表-" + site + "-" + day + ".pdf"));
    }

    @Operation(summary = "R-FIN-5 R-RPT-7 the daily cash report (现金日报表) as an Excel workbook")
    @GetMapping(value = "/days/{day}/cash-report.xlsx", produces = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    public Mono<ResponseEntity<byte[]>> cashReportXlsx(Caller caller, @PathVariable String site,
                                                       @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        return Mono.defer(() -> days.day(caller, site, day)).zipWith(desk.siteName(caller, site)).zipWith(calendar.zone(site))
                .publishOn(Schedulers.boundedElastic())
                .map(t -> ResponseEntity.ok().contentType(XLSX).header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename("现金日报表-" + site + "-" + day + ".xlsx", StandardCharsets.UTF_8).build().toString())
                        .body(CashReportXlsx.write(t.getT1().getT1().report(), t.getT1().getT2(), t.getT2())));
    }

    // ---- mortgages (R-FIN-7) ----

    @Operation(summary = "R-FIN-7 the site's mortgages and their progress (FINANCE, MANAGER)")
    @GetMapping("/mortgages")
    public Flux<MortgageView> mortgages(Caller caller, @PathVariable String site) {
        return Flux.defer(() -> mortgages.mortgages(caller, site)).map(MortgageView::of);
    }

    @Operation(summary = "R-FIN-7 FINANCE records a mortgage's progress: APPLIED, APPROVED, REJECTED (the loan paid out is a payment of its amount due)")
    @PostMapping("/mortgages/{dealId}/progress")
    public Mono<MortgageView> progress(Caller caller, @PathVariable String site, @PathVariable String dealId, @Valid @RequestBody MortgageBody body) {
        return Mono.defer(() -> mortgages.progress(caller, site, dealId, body.stage(), body.bank(),
                body.amount() == null ? null : AmountInput.positive(body.amount(), body.currency(), "amount"), body.note())).map(MortgageView::of);
    }

    private static ResponseEntity<byte[]> pdf(byte[] bytes, String name) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name, StandardCharsets.UTF_8).build().toString())
                .body(bytes);
    }
}
