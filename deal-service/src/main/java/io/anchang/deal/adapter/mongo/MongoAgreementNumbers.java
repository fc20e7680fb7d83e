package io.anchang.deal.adapter.mongo;

import io.anchang.deal.application.AgreementNumbers;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

import java.util.List;

/** A counter per site and year ({@code $inc}): RG-SH01-2026-000001. */
public class MongoAgreementNumbers implements AgreementNumbers {

    static final String COLLECTION = "agreement_numbers";

    private final ScopedMongo mongo;

    public MongoAgreementNumbers(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<String> next(String site, int year) {
        String id = site + "-" + year;
        Query query = Query.query(Criteria.where("_id").is(id));
        return mongo.update(SiteScope.system(), query, new Update().setOnInsert("seq", 0L).setOnInsert(ScopedMongo.SITE, site), COLLECTION, true)
                .onErrorResume(org.springframework.dao.DuplicateKeyException.class, e -> Mono.just(1L))
                .then(mongo.findAndModify(Caller.system("deal-service"), query, new Update().inc("seq", 1L), Document.class, COLLECTION, List.of()))
                .map(counter -> "RG-" + id + "-" + String.format("%06d", counter.get("seq", Number.class).longValue()));
    }
}
