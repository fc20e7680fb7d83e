package io.anchang.customer.adapter.mongo;

import io.anchang.customer.application.CustomerCards;
import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.card.CustomerCard;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/** Customers' cards in MongoDB, keyed by the customer's id; class and status at the top for queries. */
public class MongoCustomerCards implements CustomerCards {

    public static final String COLLECTION = "customer_cards";

    record CardDocument(@Id String id, String siteId, String archiveNo, CustomerCard.IntentClass intentClass,
                        List<CustomerCard.ClassChange> classHistory, CustomerCard.Status status, List<CustomerCard.StatusChange> statusHistory,
                        CustomerCard.Notebook notebook, List<CustomerCard.DealStep> deals, Integer overdueAnnounced, Instant updatedAt,
                        Long version) {

        static CardDocument of(CustomerCard c) {
            return new CardDocument(c.customerId(), c.siteId(), c.archiveNo(), c.intentClass(), c.classHistory(), c.status(),
                    c.statusHistory(), c.notebook(), c.deals(), c.overdueAnnounced(), c.updatedAt(), null);
        }

        CustomerCard card() {
            return new CustomerCard(id, siteId, archiveNo, intentClass, classHistory, status, statusHistory, notebook, deals,
                    overdueAnnounced, updatedAt);
        }
    }

    private final ScopedMongo mongo;
    private final DocumentStore<CardDocument, CustomerCard> store;

    public MongoCustomerCards(ScopedMongo mongo) {
        this.mongo = mongo;
        this.store = new DocumentStore<>(mongo, CardDocument.class, COLLECTION, CardDocument::card, CardDocument::of,
                d -> DocumentStore.versionOf(d.version()));
    }

    @Override
    public Mono<Stored<CustomerCard>> byCustomer(SiteScope scope, String site, String customerId) {
        return store.byId(scope, site, customerId);
    }

    @Override
    public Mono<CustomerCard> byDeal(SiteScope scope, String site, String dealId) {
        return store.one(scope, site, Criteria.where("deals.dealId").is(dealId)).map(Stored::value);
    }

    @Override
    public Flux<CustomerCard> of(SiteScope scope, String site) {
        return store.many(scope, site, new Criteria(), Sort.by("archiveNo"), 0);
    }

    @Override
    public Flux<CustomerCard> tracked(SiteScope scope) {
        return mongo.find(scope, Query.query(Criteria.where("intentClass").in(CustomerCard.IntentClass.A, CustomerCard.IntentClass.B)),
                CardDocument.class, COLLECTION).map(CardDocument::card);
    }

    @Override
    public Mono<Boolean> save(Caller caller, CustomerCard card, long expectedVersion, List<PendingEvent> events) {
        return store.save(caller, card, expectedVersion, events);
    }
}
