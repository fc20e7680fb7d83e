package io.anchang.finance.adapter.mongo;

import io.anchang.finance.application.DepositRequests;
import io.anchang.finance.domain.DepositRequest;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.platform.money.Money;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/** The queue in MongoDB: one document per request; status changes are conditional on the status. */
public class MongoDepositRequests implements DepositRequests {

    static final String COLLECTION = "deposit_requests";
    private static final Caller SYSTEM = Caller.system("finance-service");

    private final ScopedMongo mongo;

    public MongoDepositRequests(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record RequestDocument(@Id String id, String siteId, String unitId, String unitLabel, String holdId, String customerId,
                           String customerName, String repUserId, String repName, String kind, String amountDue, String price,
                           Instant holdExpiresAt, Instant requestedAt, String status, String receiptNo, Instant deadline,
                           String payAmount, String payMethod, String payReference, Boolean payCashInHand, String payBy,
                           String payByName, Instant payAt, String payLateness, Instant lapsedAt) {

        DepositRequest request() {
            DepositRequest.Payment payment = payAmount == null ? null : new DepositRequest.Payment(Money.of(payAmount),
                    PaymentMethod.valueOf(payMethod), payReference, Boolean.TRUE.equals(payCashInHand), payBy, payByName, payAt,
                    payLateness == null ? DepositRequest.Lateness.IN_TIME : DepositRequest.Lateness.valueOf(payLateness));
            return new DepositRequest(id, siteId, unitId, unitLabel, holdId, customerId, customerName, repUserId, repName, kind,
                    Money.of(amountDue), Money.of(price), holdExpiresAt, requestedAt, DepositRequest.Status.valueOf(status), receiptNo,
                    // queued before requests carried their deadline: the hold's expiry was it
                    deadline != null ? deadline : holdExpiresAt, payment);
        }
    }

    @Override
    public Mono<Void> add(DepositRequest r) {
        return mongo.insert(SYSTEM, new RequestDocument(r.requestId(), r.siteId(), r.unitId(), r.unitLabel(), r.holdId(), r.customerId(),
                        r.customerName(), r.repUserId(), r.repName(), r.kind(), r.amountDue().toString(), r.price().toString(),
                        r.holdExpiresAt(), r.requestedAt(), r.status().name(), r.receiptNo(), r.deadline(),
                        null, null, null, null, null, null, null, null, null), COLLECTION, List.of())
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
    }

    @Override
    public Mono<DepositRequest> find(SiteScope scope, String requestId) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(requestId)), RequestDocument.class, COLLECTION)
                .map(RequestDocument::request);
    }

    @Override
    public Flux<DepositRequest> queued(SiteScope scope, String site) {
        return mongo.find(scope, Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("status").is("QUEUED"))
                        .with(Sort.by("requestedAt")), RequestDocument.class, COLLECTION)
                .map(RequestDocument::request);
    }

    @Override
    public Mono<DepositRequest> claim(String requestId, DepositRequest.Status expected, DepositRequest.Payment p) {
        Update update = Update.update("status", DepositRequest.Status.CONFIRMING.name())
                .set("payAmount", p.amount().toString()).set("payMethod", p.method().name())
                .set("payCashInHand", p.cashInHand()).set("payBy", p.by()).set("payByName", p.byName()).set("payAt", p.at())
                .set("payLateness", p.lateness().name());
        if (p.reference() != null) {
            update.set("payReference", p.reference());
        }
        return mongo.findAndModify(SYSTEM, Query.query(Criteria.where("_id").is(requestId).and("status").is(expected.name())),
                update, RequestDocument.class, COLLECTION, List.of()).map(RequestDocument::request);
    }

    @Override
    public Mono<Void> done(String requestId, String receiptNo, DepositRequest.Status done) {
        return mongo.update(SiteScope.system(), Query.query(Criteria.where("_id").is(requestId).and("status").is("CONFIRMING")),
                Update.update("status", done.name()).set("receiptNo", receiptNo), COLLECTION, false).then();
    }

    @Override
    public Flux<DepositRequest> overdue(Instant now) {
        return mongo.find(SiteScope.system(), Query.query(Criteria.where("status").is("QUEUED").andOperator(overdueBy(now))),
                RequestDocument.class, COLLECTION).map(RequestDocument::request);
    }

    @Override
    public Mono<Boolean> lapse(DepositRequest request, Instant now, PendingEvent lapsed) {
        return mongo.findAndModify(SYSTEM, Query.query(Criteria.where("_id").is(request.requestId()).and("status").is("QUEUED")
                                .andOperator(overdueBy(now))), Update.update("status", "LAPSED").set("lapsedAt", now),
                        RequestDocument.class, COLLECTION, List.of(lapsed))
                .map(written -> true).defaultIfEmpty(false);
    }

    /** The deadline passed by {@code now}; for a request queued before requests carried one, the hold's expiry. */
    private static Criteria overdueBy(Instant now) {
        return new Criteria().orOperator(Criteria.where("deadline").lte(now),
                Criteria.where("deadline").is(null).and("holdExpiresAt").lte(now));
    }

    @Override
    public Flux<DepositRequest> unfinished(Instant claimedBy) {
        return mongo.find(SiteScope.system(), Query.query(Criteria.where("status").is("CONFIRMING").and("payAt").lte(claimedBy)),
                RequestDocument.class, COLLECTION).map(RequestDocument::request);
    }

    @Override
    public Mono<Void> cancelForHold(String site, String holdId) {
        return mongo.update(SiteScope.system(), Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("holdId").is(holdId)
                .and("status").is("QUEUED")), Update.update("status", "CANCELLED"), COLLECTION, false).then();
    }
}
