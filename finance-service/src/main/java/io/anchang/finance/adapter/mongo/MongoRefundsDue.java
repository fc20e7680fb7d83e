package io.anchang.finance.adapter.mongo;

import io.anchang.finance.application.FinanceDesk;
import io.anchang.finance.application.RefundsDue;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.RefundDue;
import io.anchang.platform.money.Money;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Refunds due, one per request, inserted with their event; paid out in parts, each payout kept on the document and the
 * document changed only at the version read (R-FIN-4: two cashiers never pay out more than is owed).
 */
public class MongoRefundsDue implements RefundsDue {

    static final String COLLECTION = "refunds_due";

    private final ScopedMongo mongo;

    public MongoRefundsDue(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record PayoutDocument(String payoutId, String requestId, String amount, String method, String reference, String payee, String by, String byName,
                          Instant at, String businessDay, String voucherNo, Boolean undone) {
    }

    /**
     * {@code pendingPayout}: a payout claimed whose voucher is not noted yet (the recovery's query). A refund paid out in one
     * go before payouts were kept ({@code voucherNo}, {@code payAt} …) reads as one payout of the whole amount.
     */
    record RefundDocument(@Id String id, String siteId, String requestId, String unitId, String unitLabel, String receiptNo,
                          String amount, String reason, Instant openedAt, String status, String dealId, List<PayoutDocument> payouts,
                          Boolean pendingPayout, String payMethod, String payReference, String payee, String payBy, String payByName,
                          Instant payAt, String voucherNo, Long version) {

        static RefundDocument of(RefundDue r) {
            boolean pending = r.payouts().stream().anyMatch(p -> p.voucherNo() == null);
            return new RefundDocument(r.refundId(), r.siteId(), r.requestId(), r.unitId(), r.unitLabel(), r.receiptNo(), r.amount().toString(),
                    r.reason(), r.openedAt(), r.status(), r.dealId(), r.payouts().stream().map(p -> new PayoutDocument(p.payoutId(), p.requestId(),
                    p.amount().toString(), p.method().name(), p.reference(), p.payee(), p.by(), p.byName(), p.at(),
                    p.businessDay() == null ? null : p.businessDay().toString(), p.voucherNo(), p.undone() ? Boolean.TRUE : null)).toList(),
                    pending ? Boolean.TRUE : null, null, null, null, null, null, null, null, r.version());
        }

        RefundDue refund() {
            List<RefundDue.Payout> kept;
            if (payouts != null) {
                kept = payouts.stream().map(p -> new RefundDue.Payout(p.payoutId(), p.requestId(), Money.of(p.amount()), PaymentMethod.valueOf(p.method()),
                        p.reference(), p.payee(), p.by(), p.byName(), p.at(), p.businessDay() == null ? null : LocalDate.parse(p.businessDay()),
                        p.voucherNo(), Boolean.TRUE.equals(p.undone()))).toList();
            } else if (voucherNo != null && payAt != null) {
                kept = List.of(new RefundDue.Payout("legacy", null, Money.of(amount), PaymentMethod.valueOf(payMethod), payReference, payee, payBy,
                        payByName, payAt, null, voucherNo, false));
            } else {
                kept = List.of();
            }
            String state = "PAYING".equals(status) ? RefundDue.OPEN : status;
            return new RefundDue(id, siteId, requestId, unitId, unitLabel, receiptNo, Money.of(amount), reason, openedAt, state, dealId, kept,
                    version == null ? 0 : version);
        }
    }

    @Override
    public Mono<Void> open(RefundDue r) {
        return mongo.insert(Caller.system("finance-service"), RefundDocument.of(r), COLLECTION, List.of(FinanceDesk.refundEvent(r)))
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
    }

    @Override
    public Mono<RefundDue> find(SiteScope scope, String site, String refundId) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(refundId).and(ScopedMongo.SITE).is(site)), RefundDocument.class,
                COLLECTION).map(RefundDocument::refund);
    }

    @Override
    public Mono<Boolean> save(Caller caller, RefundDue refund) {
        return mongo.replace(caller, RefundDocument.of(refund), refund.version(), COLLECTION, List.of());
    }

    @Override
    public Flux<RefundDue> unvouchered(Instant before) {
        return mongo.find(SiteScope.system(), Query.query(Criteria.where("pendingPayout").is(true)), RefundDocument.class, COLLECTION)
                .map(RefundDocument::refund)
                .filter(r -> r.payouts().stream().anyMatch(p -> p.voucherNo() == null && p.at().isBefore(before)));
    }

    @Override
    public Flux<RefundDue> of(SiteScope scope, String site) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site)), RefundDocument.class, COLLECTION)
                .map(RefundDocument::refund);
    }
}
