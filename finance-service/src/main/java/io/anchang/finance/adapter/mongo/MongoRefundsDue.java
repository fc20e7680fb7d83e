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
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/** Refunds due, one per request, inserted with their event. */
public class MongoRefundsDue implements RefundsDue {

    static final String COLLECTION = "refunds_due";

    private final ScopedMongo mongo;

    public MongoRefundsDue(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record RefundDocument(@Id String id, String siteId, String requestId, String unitId, String unitLabel, String receiptNo,
                          String amount, String reason, Instant openedAt, String status, String dealId, String payMethod,
                          String payReference, String payee, String payBy, String payByName, Instant payAt, String voucherNo) {
        RefundDue refund() {
            RefundDue.Payout payout = payAt == null ? null : new RefundDue.Payout(PaymentMethod.valueOf(payMethod), payReference, payee,
                    payBy, payByName, payAt);
            return new RefundDue(id, siteId, requestId, unitId, unitLabel, receiptNo, Money.of(amount), reason, openedAt, status, dealId,
                    payout, voucherNo);
        }
    }

    @Override
    public Mono<Void> open(RefundDue r) {
        return mongo.insert(Caller.system("finance-service"), new RefundDocument(r.refundId(), r.siteId(), r.requestId(), r.unitId(),
                        r.unitLabel(), r.receiptNo(), r.amount().toString(), r.reason(), r.openedAt(), r.status(), r.dealId(), null, null,
                        null, null, null, null, null), COLLECTION,
                        List.of(FinanceDesk.refundEvent(r)))
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
    }

    @Override
    public Mono<RefundDue> find(SiteScope scope, String site, String refundId) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(refundId).and(ScopedMongo.SITE).is(site)), RefundDocument.class,
                COLLECTION).map(RefundDocument::refund);
    }

    @Override
    public Mono<RefundDue> claim(String refundId, RefundDue.Payout p) {
        Update update = Update.update("status", "PAYING").set("payMethod", p.method().name()).set("payee", p.payee()).set("payBy", p.by())
                .set("payByName", p.byName()).set("payAt", p.at());
        if (p.reference() != null) {
            update.set("payReference", p.reference());
        }
        return mongo.findAndModify(Caller.system("finance-service"), Query.query(Criteria.where("_id").is(refundId).and("status").is("OPEN")),
                update, RefundDocument.class, COLLECTION, List.of()).map(RefundDocument::refund);
    }

    @Override
    public Mono<Void> paid(String refundId, String voucherNo) {
        return mongo.update(SiteScope.system(), Query.query(Criteria.where("_id").is(refundId).and("status").is("PAYING")),
                Update.update("status", "PAID").set("voucherNo", voucherNo), COLLECTION, false).then();
    }

    @Override
    public Mono<Void> reopen(String refundId, String voucherNo) {
        return mongo.update(SiteScope.system(), Query.query(Criteria.where("_id").is(refundId).and("voucherNo").is(voucherNo)),
                new Update().set("status", "OPEN").unset("voucherNo").unset("payMethod").unset("payReference").unset("payee").unset("payBy")
                        .unset("payByName").unset("payAt"), COLLECTION, false).then();
    }

    @Override
    public Flux<RefundDue> paying(Instant before) {
        return mongo.find(SiteScope.system(), Query.query(Criteria.where("status").is("PAYING").and("payAt").lte(before)), RefundDocument.class,
                COLLECTION).map(RefundDocument::refund);
    }

    @Override
    public Flux<RefundDue> of(SiteScope scope, String site) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site)), RefundDocument.class, COLLECTION)
                .map(RefundDocument::refund);
    }
}
