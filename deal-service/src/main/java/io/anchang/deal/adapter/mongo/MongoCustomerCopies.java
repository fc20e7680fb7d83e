package io.anchang.deal.adapter.mongo;

import io.anchang.deal.application.CustomerCopies;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.SiteScope;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/** The copy of customer-service's customers: id, site, name, owner rep. */
public class MongoCustomerCopies implements CustomerCopies {

    static final String COLLECTION = "customers";

    private final ScopedMongo mongo;

    public MongoCustomerCopies(ScopedMongo mongo) {
        this.mongo = mongo;
    }

    record CustomerDocument(@Id String id, String siteId, String name, String ownerRep) {
    }

    @Override
    public Mono<CustomerCopy> find(SiteScope scope, String site, String customerId) {
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(customerId).and(ScopedMongo.SITE).is(site)),
                CustomerDocument.class, COLLECTION).map(d -> new CustomerCopy(d.id(), d.siteId(), d.name(), d.ownerRep()));
    }

    @Override
    public Mono<Void> registered(String site, String customerId, String name, String ownerRep) {
        // an owner-changed event may have arrived first (replays): the owner it set is not overwritten
        return mongo.update(SiteScope.system(), Query.query(Criteria.where("_id").is(customerId)),
                new Update().set(ScopedMongo.SITE, site).set("name", name).setOnInsert("ownerRep", ownerRep), COLLECTION, true).then();
    }

    @Override
    public Mono<Void> ownerChanged(String site, String customerId, String ownerRep) {
        return mongo.update(SiteScope.system(), Query.query(Criteria.where("_id").is(customerId)),
                new Update().set(ScopedMongo.SITE, site).set("ownerRep", ownerRep), COLLECTION, true).then();
    }
}
