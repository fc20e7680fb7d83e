package io.anchang.deal.adapter.mongo;

import io.anchang.deal.application.Rejections;
import io.anchang.platform.events.deal.DepositRejected;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/** One document per rejected request, inserted with its event: a second rejection of the same request is a duplicate key. */
public class MongoRejections implements Rejections {

    static final String COLLECTION = "rejected_deposits";

    private final ScopedMongo mongo;

    public MongoRejections(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record RejectionDocument(@Id String id, String siteId, String unitId, String receiptNo, String amount, String reason,
                             Instant rejectedAt) {
    }

    @Override
    public Mono<Void> record(DepositRejected r) {
        return mongo.insert(Caller.system("deal-service"), new RejectionDocument(r.requestId(), r.siteId(), r.unitId(), r.receiptNo(),
                        r.amount().toPlainString(), r.reason(), r.rejectedAt()), COLLECTION,
                        List.of(PendingEvent.of(r.siteId(), r.requestId(), r).because(r.reason())))
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
    }
}
