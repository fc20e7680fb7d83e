package io.anchang.deal.adapter.web;

import io.anchang.deal.application.ChangingNames;
import io.anchang.deal.application.ChangingUnits;
import io.anchang.deal.application.CorrectingAgreements;
import io.anchang.deal.application.HandlingBreaches;
import io.anchang.deal.application.HoldingUnits;
import io.anchang.deal.application.ReadingDeals;
import io.anchang.deal.application.Refunding;
import io.anchang.deal.application.SigningContracts;
import io.anchang.deal.domain.Buyer;
import io.anchang.deal.domain.Contract;
import io.anchang.deal.domain.Dealing;
import io.anchang.platform.money.AmountInput;
import io.anchang.platform.money.Decimals;
import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.validation.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * After the deposit (R-DEAL-5..10): agreement corrections, the contract and its online filing, unit and
 * name changes, refunds, breach rulings, the MANAGER's approvals and the deals of a site. Nothing here
 * records money: fees, instalments, loans and refunds are recorded by FINANCE at finance-service (R-SEC-2).
 * Each write with a {@code requestId} answers its repeat with the first result (header {@value SalesController#REPLAYED}).
 */
@RestController
@RequestMapping("/api/deals/sites/{site}")
public class DealsController {

    private final CorrectingAgreements corrections;
    private final SigningContracts contracts;
    private final ChangingUnits unitChanges;
    private final ChangingNames nameChanges;
    private final Refunding refunds;
    private final HandlingBreaches breaches;
    private final ReadingDeals deals;

    public DealsController(CorrectingAgreements corrections, SigningContracts contracts, ChangingUnits unitChanges,
                           ChangingNames nameChanges, Refunding refunds, HandlingBreaches breaches, ReadingDeals deals) {
        this.corrections = corrections;
        this.contracts = contracts;
        this.unitChanges = unitChanges;
        this.nameChanges = nameChanges;
        this.refunds = refunds;
        this.breaches = breaches;
        this.deals = deals;
    }

    static final String REQUEST_ID = SalesController.REQUEST_ID;

    /** R-DEAL-5: why the agreement is voided, who keeps its signed paper copies, and the corrected buyer (omit: unchanged). */
    public record CorrectionBody(@PlainText(max = 200, multiline = true) String reason, @PlainText(max = 50) String paperKeeper,
                                 @Valid SalesController.BuyerBody buyer, @Pattern(regexp = REQUEST_ID) String requestId) {
    }

    public record KeeperBody(@PlainText(max = 50) String keeper) {
    }

    /** One payment term: DOWN_PAYMENT, INSTALMENT or MORTGAGE, its amount (as a deposit's) and the day it is due (yyyy-MM-dd). */
    public record TermBody(@NotNull Contract.TermKind kind, Object amount, @Size(max = 3) String currency, @NotNull LocalDate dueOn) {
    }

    /** R-DEAL-6: the terms, which with the deposits paid add up to the price; at most 60. */
    public record ContractBody(@NotNull @Size(max = Contract.MAX_TERMS) List<@Valid @NotNull TermBody> terms,
                               @Pattern(regexp = REQUEST_ID) String requestId) {
    }

    public record FilingBody(@NotNull Contract.FilingStatus status, @PlainText(max = 64) String filingNo,
                             @PlainText(max = 200, multiline = true) String note) {
    }

    /** R-DEAL-7: the unit to change to; outside the rule a MANAGER gives the reason, or {@code requestApproval} sends it to one. */
    public record UnitChangeBody(@PlainText(max = 64) String toUnitId, @PlainText(max = 200, multiline = true) String reason,
                                 Boolean requestApproval, @Pattern(regexp = REQUEST_ID) String requestId) {
    }

    /** R-DEAL-8: the new buyer; before the contract also why and who keeps the voided agreement's paper copies. */
    public record NameChangeBody(@NotNull @Valid SalesController.BuyerBody buyer, @PlainText(max = 200, multiline = true) String reason,
                                 @PlainText(max = 50) String paperKeeper, @Pattern(regexp = REQUEST_ID) String requestId) {
    }

    /** R-DEAL-10: what the rep did to keep the customer (做客户工作), and why the customer still wants to give the unit back. */
    public record RefundBody(@PlainText(max = 1000, multiline = true) String retentionTalk, @PlainText(max = 200, multiline = true) String reason,
                             @Pattern(regexp = REQUEST_ID) String requestId) {
    }

    public enum Decision { APPROVE, DECLINE }

    /** The MANAGER's decision; for a refund, {@code refundAmount}: what of the money paid goes back (0 up to all of it). */
    public record DecisionBody(@NotNull Decision decision, @PlainText(max = 200, multiline = true) String reason, Object refundAmount,
                               @Size(max = 3) String currency) {
    }

    /** R-DEAL-9: PENALTY with its amount, or CANCELLATION with what of the money paid goes back. */
    public record RulingBody(@NotNull @Pattern(regexp = "PENALTY|CANCELLATION") String ruling, Object penalty, Object refundAmount,
                             @Size(max = 3) String currency, @PlainText(max = 200, multiline = true) String reason) {
    }

    public record ChangeView(String state, UnitView unit) {
    }

    public record NameChangeResult(String state, String fee, UnitView unit) {
    }

    /** A deal on its unit with its contract's last day (R-DEAL-6) and whether that passed without a contract. */
    public record DealView(UnitView unit, LocalDate contractDueOn, boolean contractOverdue, LocalDate overdueAnnouncedOn) {
        static DealView of(ReadingDeals.Deal deal) {
            return new DealView(UnitView.of(deal.unit()), deal.contractDueOn(), deal.contractOverdue(), deal.overdueAnnouncedOn());
        }
    }

    @Operation(summary = "R-DEAL-5 a MANAGER voids the issued agreement with a reason and who keeps its paper copies; a new one is issued (corrected buyer optional)")
    @PostMapping("/units/{unitId}/agreement/void")
    public Mono<ResponseEntity<UnitView>> correct(Caller caller, @PathVariable String site, @PathVariable String unitId,
                                                  @Valid @RequestBody CorrectionBody body) {
        return Mono.defer(() -> corrections.correct(caller, site, unitId, new CorrectingAgreements.Correction(body.reason(),
                body.paperKeeper(), buyer(body.buyer())), body.requestId())).map(answer -> answer(answer, HttpStatus.OK));
    }

    @Operation(summary = "R-DEAL-5 who keeps the signed paper copies of the current agreement (ASSISTANT, SUPERVISOR, MANAGER)")
    @PutMapping("/units/{unitId}/agreement/keeper")
    public Mono<UnitView> keeper(Caller caller, @PathVariable String site, @PathVariable String unitId, @Valid @RequestBody KeeperBody body) {
        return corrections.keepCopies(caller, site, unitId, body.keeper()).map(UnitView::of);
    }

    @Operation(summary = "R-DEAL-6 the deal's rep signs the contract from a big deposit, with terms that with the deposits add up to the price")
    @PostMapping("/units/{unitId}/contract")
    public Mono<ResponseEntity<UnitView>> sign(Caller caller, @PathVariable String site, @PathVariable String unitId,
                                               @Valid @RequestBody ContractBody body) {
        return Mono.defer(() -> contracts.sign(caller, site, unitId, body.terms().stream().map(t -> new Contract.Term(0, t.kind(),
                        AmountInput.positive(t.amount(), t.currency(), "terms.amount"), t.dueOn())).toList(), body.requestId()))
                .map(answer -> answer(answer, HttpStatus.CREATED));
    }

    @Operation(summary = "R-DEAL-6 the contract's online filing (网签) status: SUBMITTED, FILED (with its number) or REJECTED")
    @PutMapping("/units/{unitId}/contract/filing")
    public Mono<UnitView> filing(Caller caller, @PathVariable String site, @PathVariable String unitId, @Valid @RequestBody FilingBody body) {
        return Mono.defer(() -> contracts.file(caller, site, unitId, body.status(), body.filingNo(), body.note())).map(UnitView::of);
    }

    @Operation(summary = "R-DEAL-7 unit change: larger, lower grade or dearer goes through; otherwise a MANAGER with a reason, or sent for approval (202)")
    @PostMapping("/units/{unitId}/unit-change")
    public Mono<ResponseEntity<ChangeView>> changeUnit(Caller caller, @PathVariable String site, @PathVariable String unitId,
                                                       @Valid @RequestBody UnitChangeBody body) {
        return Mono.defer(() -> unitChanges.change(caller, site, unitId, new ChangingUnits.Change(body.toUnitId(), body.reason(),
                        Boolean.TRUE.equals(body.requestApproval())), body.requestId()))
                .map(outcome -> replayed(ResponseEntity.status("MOVED".equals(outcome.state()) ? HttpStatus.OK : HttpStatus.ACCEPTED),
                        outcome.repeated()).body(new ChangeView(outcome.state(), UnitView.of(outcome.unit()))));
    }

    @Operation(summary = "R-DEAL-8 name change: after the contract the transfer fee is due at finance (202, effective once FINANCE records it); before it a MANAGER's void and reissue")
    @PostMapping("/units/{unitId}/name-change")
    public Mono<ResponseEntity<NameChangeResult>> changeName(Caller caller, @PathVariable String site, @PathVariable String unitId,
                                                             @Valid @RequestBody NameChangeBody body) {
        return Mono.defer(() -> nameChanges.rename(caller, site, unitId, new ChangingNames.Rename(buyer(body.buyer()), body.reason(),
                        body.paperKeeper()), body.requestId()))
                .map(outcome -> replayed(ResponseEntity.status("CHANGED".equals(outcome.state()) ? HttpStatus.OK : HttpStatus.ACCEPTED),
                        outcome.repeated()).body(new NameChangeResult(outcome.state(), outcome.fee() == null ? null : outcome.fee().toString(),
                        UnitView.of(outcome.unit()))));
    }

    @Operation(summary = "R-DEAL-10 a refund request with the retention talk, for a MANAGER's approval; refused after the contract")
    @PostMapping("/units/{unitId}/refund-request")
    public Mono<ResponseEntity<UnitView>> requestRefund(Caller caller, @PathVariable String site, @PathVariable String unitId,
                                                        @Valid @RequestBody RefundBody body) {
        return Mono.defer(() -> refunds.request(caller, site, unitId, body.retentionTalk(), body.reason(), body.requestId()))
                .map(answer -> answer(answer, HttpStatus.ACCEPTED));
    }

    @Operation(summary = "What waits for the site's MANAGER: unit changes outside the rule, refunds, open breach cases")
    @GetMapping("/approvals")
    public Flux<DealView> approvals(Caller caller, @PathVariable String site) {
        return deals.awaitingManager(caller, site).map(DealView::of);
    }

    @Operation(summary = "The MANAGER approves or declines a waiting unit change (with a reason) or refund (with the amount paid back)")
    @PostMapping("/units/{unitId}/approvals/{approvalId}")
    public Mono<ResponseEntity<ChangeView>> decide(Caller caller, @PathVariable String site, @PathVariable String unitId,
                                                   @PathVariable String approvalId, @Valid @RequestBody DecisionBody body) {
        return deals.approvalKind(caller, site, unitId, approvalId).flatMap(kind -> {
            if (body.decision() == Decision.DECLINE) {
                Mono<io.anchang.deal.domain.Unit> declined = kind == Dealing.ApprovalKind.REFUND
                        ? refunds.decline(caller, site, unitId, approvalId, body.reason())
                        : unitChanges.decline(caller, site, unitId, approvalId, body.reason());
                return declined.map(unit -> ResponseEntity.ok(new ChangeView("DECLINED", UnitView.of(unit))));
            }
            if (kind == Dealing.ApprovalKind.REFUND) {
                Money refund = nonNegative(body.refundAmount(), body.currency(), "refundAmount");
                return refunds.approve(caller, site, unitId, approvalId, refund, body.reason())
                        .map(answer -> replayed(ResponseEntity.ok(), answer.repeated()).body(new ChangeView("REFUNDED", UnitView.of(answer.unit()))));
            }
            return unitChanges.approve(caller, site, unitId, approvalId, body.reason())
                    .map(outcome -> replayed(ResponseEntity.ok(), outcome.repeated()).body(new ChangeView("MOVED", UnitView.of(outcome.unit()))));
        });
    }

    @Operation(summary = "R-DEAL-9 the MANAGER rules the open breach case: PENALTY (due at finance) or CANCELLATION (the unit returns to sale)")
    @PostMapping("/units/{unitId}/breach/ruling")
    public Mono<ResponseEntity<UnitView>> rule(Caller caller, @PathVariable String site, @PathVariable String unitId,
                                               @Valid @RequestBody RulingBody body) {
        return Mono.defer(() -> breaches.rule(caller, site, unitId, body.ruling(),
                        "PENALTY".equals(body.ruling()) ? AmountInput.positive(body.penalty(), body.currency(), "penalty") : null,
                        "CANCELLATION".equals(body.ruling()) ? nonNegative(body.refundAmount(), body.currency(), "refundAmount") : null,
                        body.reason()))
                .map(answer -> answer(answer, HttpStatus.OK));
    }

    @Operation(summary = "The site's deals (a rep: their own) with each contract's last day and whether it is overdue (R-DEAL-6)")
    @GetMapping("/deals")
    public Flux<DealView> deals(Caller caller, @PathVariable String site, @RequestParam(defaultValue = "false") boolean contractOverdue) {
        return deals.deals(caller, site, contractOverdue).map(DealView::of);
    }

    private static Buyer buyer(SalesController.BuyerBody body) {
        return body == null ? null : Buyer.checked(body.name(), body.phone(), body.address(), body.postcode());
    }

    /** An amount that may be zero (nothing paid back), else as any amount: at most 10^10 yuan with 2 decimals. */
    static Money nonNegative(Object raw, String currency, String field) {
        if (raw == null) {
            throw ProblemException.invalid("amount-required", "请填写金额，不退则填 0 (" + field + " is required; 0 for nothing)");
        }
        try {
            BigDecimal value = Decimals.read(raw, 2, 11);
            if (value.signum() == 0 && (currency == null || Money.CURRENCY.equals(currency))) {
                return Money.ZERO;
            }
        } catch (Decimals.Refused refused) {
            // AmountInput says what is wrong with it
        }
        return AmountInput.positive(raw, currency, field);
    }

    private static ResponseEntity<UnitView> answer(HoldingUnits.Answer answer, HttpStatus status) {
        return replayed(ResponseEntity.status(status), answer.repeated()).body(UnitView.of(answer.unit()));
    }

    private static ResponseEntity.BodyBuilder replayed(ResponseEntity.BodyBuilder response, boolean repeated) {
        return repeated ? response.header(SalesController.REPLAYED, "true") : response;
    }
}
