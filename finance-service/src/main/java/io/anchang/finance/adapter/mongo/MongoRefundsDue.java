package io.anchang.finance.adapter.mongo;

import io.anchang.finance.application.FinanceDesk;
import io.anchang.finance.application.RefundsDue;
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
import java.util.List;

/** Refunds due, one per request, inserted with their event. */
public class MongoRefundsDue implements RefundsDue {

    static final String COLLECTION = "refunds_due";

    private final ScopedMongo mongo;

    public MongoRefundsDue(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record RefundDocument(@Id String id, String siteId, String requestId, String unitId, String unitLabel, String receiptNo,
                          String amount, String reason, Instant openedAt, String status) {
        RefundDue refund() {
            return new RefundDue(id, siteId, requestId, unitId, unitLabel, receiptNo, Money.of(amount), reason, openedAt, status);
        }
    }

    @Override
    public Mono<Void> open(RefundDue r) {
        return mongo.insert(Caller.system("finance-service"), new RefundDocument(r.refundId(), r.siteId(), r.requestId(), r.unitId(),
                        r.unitLabel(), r.receiptNo(), r.amount().toString(), r.reason(), r.openedAt(), r.status()), COLLECTION,
                        List.of(FinanceDesk.refundEvent(r)))
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
    }

    @Override
    public Flux<RefundDue> of(SiteScope scope, String site) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site)), RefundDocument.class, COLLECTION)
                .map(RefundDocument::refund);
    }
}
