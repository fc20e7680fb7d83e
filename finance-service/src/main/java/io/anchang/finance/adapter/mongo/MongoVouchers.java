package io.anchang.finance.adapter.mongo;

import io.anchang.finance.application.Vouchers;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.Voiding;
import io.anchang.finance.domain.Voucher;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * Payment vouchers in MongoDB, numbered gap-free per site and year exactly as receipts are (see
 * {@link MongoReceipts}): the number is the voucher's {@code _id}, the voucher document is the payout with its
 * {@code finance.refund-paid} event, one insert; a unique index on {@code payoutKey} makes a second voucher for
 * the same payout (or reversal) impossible — a retry gets the first one back — while a refund paid out again after a
 * void or a reversal gets a voucher of its own.
 */
public class MongoVouchers implements Vouchers {

    static final String COLLECTION = "vouchers";
    static final String HEADS = "voucher_heads";

    private final ScopedMongo mongo;

    public MongoVouchers(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record VoucherDocument(@Id String id, String siteId, int year, long seq, String refundId, String unitId, String unitLabel,
                           String reason, String amount, String method, String reference, String payee, String paidBy,
                           String paidByName, Instant paidAt, String businessDay, Boolean closed, String voidReason, String voidedBy,
                           String voidedByName, Instant voidedAt, String payoutKey, String reverses, String reversedBy) {

        static VoucherDocument of(Voucher v) {
            return new VoucherDocument(v.number(), v.siteId(), v.year(), v.seq(), v.refundId(), v.unitId(), v.unitLabel(), v.reason(),
                    v.amount().toString(), v.method().name(), v.reference(), v.payee(), v.paidBy(), v.paidByName(), v.paidAt(),
                    v.businessDay().toString(), v.closed() ? Boolean.TRUE : null, null, null, null, null, v.payoutKey(), v.reverses(), v.reversedBy());
        }

        Voucher voucher() {
            return new Voucher(id, siteId, year, seq, refundId, unitId, unitLabel, reason, Money.of(amount), PaymentMethod.valueOf(method),
                    reference, payee, paidBy, paidByName, paidAt, LocalDate.parse(businessDay), Boolean.TRUE.equals(closed),
                    voidedAt == null ? null : new Voiding(voidReason, voidedBy, voidedByName, voidedAt), payoutKey, reverses, reversedBy);
        }
    }

    record HeadDocument(@Id String id, String siteId, long seq) {
    }

    @Override
    public Mono<Issued> issue(Caller caller, Function<Long, Voucher> draft, Function<Voucher, PendingEvent> event) {
        Voucher probe = draft.apply(0L);
        String head = probe.siteId() + "-" + probe.year();
        return lastOf(head).flatMap(last -> attempt(caller, draft, event, last + 1, head));
    }

    private Mono<Long> lastOf(String head) {
        return mongo.findOne(SiteScope.system(), Query.query(Criteria.where("_id").is(head)), HeadDocument.class, HEADS)
                .map(HeadDocument::seq).defaultIfEmpty(0L);
    }

    private Mono<Issued> attempt(Caller caller, Function<Long, Voucher> draft, Function<Voucher, PendingEvent> event, long seq, String head) {
        Voucher voucher = draft.apply(seq);
        return mongo.insert(caller, VoucherDocument.of(voucher), COLLECTION, List.of(event.apply(voucher)))
                .then(mongo.update(SiteScope.system(), Query.query(Criteria.where("_id").is(head)),
                                new Update().max("seq", seq).setOnInsert(ScopedMongo.SITE, voucher.siteId()), HEADS, true)
                        .onErrorResume(DuplicateKeyException.class, e -> mongo.update(SiteScope.system(),
                                Query.query(Criteria.where("_id").is(head)), new Update().max("seq", seq), HEADS, false)))
                .thenReturn(new Issued(voucher, true))
                .onErrorResume(DuplicateKeyException.class, taken -> ofPayout(voucher.payoutKey())
                        .map(existing -> new Issued(existing, false))
                        .switchIfEmpty(Mono.defer(() -> lastOf(head).flatMap(last -> attempt(caller, draft, event, Math.max(seq, last) + 1, head)))));
    }

    @Override
    public Mono<Voucher> ofPayout(String payoutKey) {
        return payoutKey == null ? Mono.empty() : mongo.findOne(SiteScope.system(), Query.query(Criteria.where("payoutKey").is(payoutKey)),
                VoucherDocument.class, COLLECTION).map(VoucherDocument::voucher);
    }

    @Override
    public Mono<Void> reversedBy(String site, String number, String reversal) {
        return mongo.update(SiteScope.system(), Query.query(Criteria.where("_id").is(number).and(ScopedMongo.SITE).is(site)),
                Update.update("reversedBy", reversal), COLLECTION, false).then();
    }

    @Override
    public Mono<Voucher> find(SiteScope scope, String site, String number) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(number).and(ScopedMongo.SITE).is(site)), VoucherDocument.class,
                COLLECTION).map(VoucherDocument::voucher);
    }

    @Override
    public Flux<Voucher> ofDay(String site, LocalDate day) {
        return mongo.find(SiteScope.system(), Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("businessDay").is(day.toString())),
                VoucherDocument.class, COLLECTION).map(VoucherDocument::voucher);
    }

    @Override
    public Mono<Boolean> voidIt(String site, String number, Voiding v, PendingEvent event) {
        Query query = Query.query(Criteria.where("_id").is(number).and(ScopedMongo.SITE).is(site).and("voidedAt").is(null).and("closed").ne(true));
        Update update = Update.update("voidReason", v.reason()).set("voidedBy", v.by()).set("voidedByName", v.byName()).set("voidedAt", v.at());
        return mongo.findAndModify(new Caller(v.by(), v.byName(), java.util.Set.of(), SiteScope.of(site)), query, update, VoucherDocument.class,
                COLLECTION, List.of(event)).map(d -> true).defaultIfEmpty(false);
    }

    @Override
    public Mono<Long> close(String site, LocalDate day) {
        return mongo.update(SiteScope.system(), Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("businessDay").is(day.toString())),
                Update.update("closed", true), COLLECTION, false);
    }

    @Override
    public Mono<Long> moveUnclosed(String site, LocalDate day, LocalDate next) {
        return mongo.update(SiteScope.system(), Query.query(Criteria.where(ScopedMongo.SITE).is(site).and("businessDay").is(day.toString())
                .and("closed").ne(true)), Update.update("businessDay", next.toString()), COLLECTION, false);
    }
}
