package io.anchang.finance.adapter.mongo;

import io.anchang.finance.application.Receipts;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.Receipt;
import io.anchang.platform.money.Money;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Receipts in MongoDB, numbered gap-free per site and year (R-FIN-1).
 *
 * <p>The number is the receipt document's {@code _id} ({@code SH01-2026-000123}), and the
 * receipt document <em>is</em> the payment: amount, method, reference, who confirmed, and the
 * {@code finance.deposit-confirmed} event in its outbox — one insert, one atomic write. So a
 * number is taken only together with the payment that uses it: a failure before the insert
 * takes no number, a failure after it leaves a complete payment. Issuing reads the site-year's
 * head (the highest number known, kept with {@code $max} after each insert, so it never runs
 * ahead of the receipts) and tries the next number; if another payment took it first (a
 * duplicate {@code _id}), it tries the one after, and so on. A number is passed over only
 * when it exists, hence no gaps even under concurrent payments; the unique index on
 * {@code requestId} makes the same request's second receipt impossible — a retry gets the
 * first one back. Receipts are never deleted (a void is a new state, R-FIN-1).
 */
public class MongoReceipts implements Receipts {

    static final String COLLECTION = "receipts";
    static final String HEADS = "receipt_heads";

    private final ScopedMongo mongo;

    public MongoReceipts(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record ReceiptDocument(@Id String id, String siteId, int year, long seq, String requestId, String unitId, String unitLabel,
                           String customerName, String repName, String kind, String amount, String method, String reference,
                           String confirmedBy, String confirmedByName, Instant confirmedAt) {

        static ReceiptDocument of(Receipt r) {
            return new ReceiptDocument(r.number(), r.siteId(), r.year(), r.seq(), r.requestId(), r.unitId(), r.unitLabel(),
                    r.customerName(), r.repName(), r.kind(), r.amount().toString(), r.method().name(), r.reference(),
                    r.confirmedBy(), r.confirmedByName(), r.confirmedAt());
        }

        Receipt receipt() {
            return new Receipt(id, siteId, year, seq, requestId, unitId, unitLabel, customerName, repName, kind, Money.of(amount),
                    PaymentMethod.valueOf(method), reference, confirmedBy, confirmedByName, confirmedAt);
        }
    }

    record HeadDocument(@Id String id, String siteId, long seq) {
    }

    @Override
    public Mono<Issued> issue(Caller caller, Function<Long, Receipt> draft, Function<Receipt, PendingEvent> event) {
        Receipt probe = draft.apply(0L);
        String head = probe.siteId() + "-" + probe.year();
        return mongo.findOne(SiteScope.system(), Query.query(Criteria.where("_id").is(head)), HeadDocument.class, HEADS)
                .map(HeadDocument::seq).defaultIfEmpty(0L)
                .flatMap(last -> attempt(caller, draft, event, last + 1, head));
    }

    private Mono<Issued> attempt(Caller caller, Function<Long, Receipt> draft, Function<Receipt, PendingEvent> event, long seq, String head) {
        Receipt receipt = draft.apply(seq);
        return mongo.insert(caller, ReceiptDocument.of(receipt), COLLECTION, List.of(event.apply(receipt)))
                .then(mongo.update(SiteScope.system(), Query.query(Criteria.where("_id").is(head)),
                        new Update().max("seq", seq).setOnInsert(ScopedMongo.SITE, receipt.siteId()), HEADS, true)
                        .onErrorResume(DuplicateKeyException.class, e -> mongo.update(SiteScope.system(),
                                Query.query(Criteria.where("_id").is(head)), new Update().max("seq", seq), HEADS, false)))
                .thenReturn(new Issued(receipt, true))
                .onErrorResume(DuplicateKeyException.class, taken -> byRequest(receipt.requestId())
                        .map(existing -> new Issued(existing, false))
                        // another payment took this number: the next one after it, or after the head if that ran ahead
                        .switchIfEmpty(Mono.defer(() -> mongo.findOne(SiteScope.system(), Query.query(Criteria.where("_id").is(head)),
                                        HeadDocument.class, HEADS).map(HeadDocument::seq).defaultIfEmpty(0L)
                                .flatMap(last -> attempt(caller, draft, event, Math.max(seq, last) + 1, head)))));
    }

    @Override
    public Mono<Receipt> ofRequest(String requestId) {
        return byRequest(requestId);
    }

    private Mono<Receipt> byRequest(String requestId) {
        return mongo.findOne(SiteScope.system(), Query.query(Criteria.where("requestId").is(requestId)), ReceiptDocument.class, COLLECTION)
                .map(ReceiptDocument::receipt);
    }

    @Override
    public Mono<Receipt> find(SiteScope scope, String site, String number) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(number).and(ScopedMongo.SITE).is(site)),
                ReceiptDocument.class, COLLECTION).map(ReceiptDocument::receipt);
    }
}
