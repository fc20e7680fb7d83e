package io.anchang.deal.adapter.mongo;

import io.anchang.deal.application.AgreementNumbers;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The agreement number register in MongoDB (R-DEAL-4), gap-free per site and year like receipts
 * (see {@code MongoReceipts} of finance-service): one document per number, {@code _id}
 * RG-SH01-2026-000001, naming the agreement it belongs to ({@code key}, unique). Claiming reads
 * the site-year's head (the highest number known, kept with {@code $max}) and inserts the next
 * number; if another agreement took it first (duplicate {@code _id}) it tries the one after. A
 * number is thus passed over only when it exists, and an agreement that claims again (a retry)
 * finds its own. Sites numbered before the register existed continue after the counter they had
 * ({@value #LEGACY_COUNTERS}).
 */
public class MongoAgreementNumbers implements AgreementNumbers {

    static final String COLLECTION = "agreement_register";
    static final String HEADS = "agreement_heads";
    static final String LEGACY_COUNTERS = "agreement_numbers";
    private static final Caller SYSTEM = Caller.system("deal-service");

    private final ScopedMongo mongo;

    public MongoAgreementNumbers(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record Claimed(@Id String id, String siteId, int year, long seq, String key, String unitId) {
    }

    record Head(@Id String id, String siteId, long seq) {
    }

    @Override
    public Mono<String> claim(String site, int year, String agreementKey, String unitId) {
        String head = site + "-" + year;
        return byKey(agreementKey).switchIfEmpty(Mono.defer(() -> last(head)
                .flatMap(last -> attempt(site, year, agreementKey, unitId, last + 1, head))));
    }

    /** The highest number of the site-year known: the head, or the counter of the numbering before the register. */
    private Mono<Long> last(String head) {
        Mono<Long> registered = mongo.findOne(SiteScope.system(), Query.query(Criteria.where("_id").is(head)), Head.class, HEADS)
                .map(Head::seq).defaultIfEmpty(0L);
        Mono<Long> legacy = mongo.findOne(SiteScope.system(), Query.query(Criteria.where("_id").is(head)), Document.class, LEGACY_COUNTERS)
                .map(counter -> counter.get("seq", Number.class) == null ? 0L : counter.get("seq", Number.class).longValue())
                .defaultIfEmpty(0L);
        return Mono.zip(registered, legacy, Math::max);
    }

    private Mono<String> attempt(String site, int year, String key, String unitId, long seq, String head) {
        String number = "RG-" + head + "-" + String.format("%06d", seq);
        return mongo.insert(SYSTEM, new Claimed(number, site, year, seq, key, unitId), COLLECTION, List.of())
                .then(mongo.update(SiteScope.system(), Query.query(Criteria.where("_id").is(head)),
                                new Update().max("seq", seq).setOnInsert(ScopedMongo.SITE, site), HEADS, true)
                        .onErrorResume(DuplicateKeyException.class, e -> mongo.update(SiteScope.system(),
                                Query.query(Criteria.where("_id").is(head)), new Update().max("seq", seq), HEADS, false)))
                .thenReturn(number)
                .onErrorResume(DuplicateKeyException.class, taken -> byKey(key)
                        .switchIfEmpty(Mono.defer(() -> last(head).flatMap(last ->
                                attempt(site, year, key, unitId, Math.max(seq, last) + 1, head)))));
    }

    private Mono<String> byKey(String key) {
        return mongo.findOne(SiteScope.system(), Query.query(Criteria.where("key").is(key)), Claimed.class, COLLECTION).map(Claimed::id);
    }
}
