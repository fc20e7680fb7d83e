package io.anchang.finance.application;

import io.anchang.finance.domain.Mortgage;
import io.anchang.platform.events.finance.MortgageProgressed;
import io.anchang.platform.events.finance.PaymentRecorded;
import io.anchang.platform.money.Money;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.Echo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Instant;
import java.util.List;

/**
 * R-FIN-7: a contract's mortgage, tracked by FINANCE: application, approval or rejection, and the loan paid
 * out — which FINANCE records as a payment of the MORTGAGE amount due ({@link CollectingPayments}); once it is
 * paid in full the mortgage is LOAN_PAID.
 */
public class TrackingMortgages {

    private final Mortgages mortgages;
    private final DeskCalendar calendar;

    public TrackingMortgages(Mortgages mortgages, DeskCalendar calendar) {
        this.mortgages = mortgages;
        this.calendar = calendar;
    }

    public Mono<Mortgage> progress(Caller caller, String site, String dealId, Mortgage.Stage stage, String bank, Money amount, String note) {
        caller.requireOn(site, Role.FINANCE);
        if (stage == null || stage == Mortgage.Stage.NOT_APPLIED || stage == Mortgage.Stage.LOAN_PAID) {
            throw ProblemException.invalid("mortgage-step-invalid", "按揭进度为 APPLIED（已申请）、APPROVED（已获批）或 REJECTED（被拒贷）；放款请按应收款收款登记 "
                    + "(stage: APPLIED, APPROVED or REJECTED; the loan paid out is recorded as a payment of the mortgage due)");
        }
        Instant now = calendar.now();
        return Mono.defer(() -> require(caller, site, dealId).flatMap(m -> {
                    Mortgage after = m.progress(stage, bank, amount, note, caller.userId(), now);
                    return mortgages.save(caller, after, List.of(PendingEvent.of(site, dealId, new MortgageProgressed(dealId, site, m.unitId(),
                                    stage.name(), after.bank(), amount == null ? null : amount.amount(), note, caller.userId(), now)).before(m.stage().name())))
                            .flatMap(written -> written ? Mono.just(after) : Mono.error(new CollectingPayments.Raced()));
                }))
                .retryWhen(Retry.max(5).filter(CollectingPayments.Raced.class::isInstance));
    }

    /** R-FIN-7: the loan's payment recorded in full: the mortgage is LOAN_PAID. */
    public Mono<Void> loanRecorded(PaymentRecorded paid) {
        if (!"MORTGAGE".equals(paid.kind()) || !paid.settled() || paid.dealId() == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> mortgages.find(SiteScope.system(), paid.siteId(), paid.dealId())
                        .flatMap(m -> m.loanPaid(new Money(paid.amount()), paid.receiptNo(), paid.recordedBy(), paid.recordedAt())
                                .map(after -> mortgages.save(Caller.system("finance-service"), after, List.of(PendingEvent.of(paid.siteId(),
                                                paid.dealId(), new MortgageProgressed(paid.dealId(), paid.siteId(), m.unitId(), "LOAN_PAID", m.bank(),
                                                m.loan().amount(), "收据 " + paid.receiptNo(), paid.recordedBy(), paid.recordedAt()))))
                                        .flatMap(written -> written ? Mono.<Void>empty() : Mono.<Void>error(new CollectingPayments.Raced())))
                                .orElse(Mono.empty())))
                .retryWhen(Retry.max(5).filter(CollectingPayments.Raced.class::isInstance));
    }

    public Flux<Mortgage> mortgages(Caller caller, String site) {
        caller.requireOn(site, Role.FINANCE, Role.MANAGER);
        return mortgages.of(caller.scope(), site);
    }

    private Mono<Mortgage> require(Caller caller, String site, String dealId) {
        return mortgages.find(caller.scope(), site, dealId).switchIfEmpty(Mono.error(() -> ProblemException.notFound("mortgage-unknown",
                "交易 " + Echo.of(dealId) + " 的合同没有按揭 (No mortgage for deal " + Echo.of(dealId) + ")")));
    }
}
