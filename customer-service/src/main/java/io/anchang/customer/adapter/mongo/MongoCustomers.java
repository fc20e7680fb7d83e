package io.anchang.customer.adapter.mongo;

import io.anchang.customer.application.Customers;
import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.Customer;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.phone.PhoneKey;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Customers in MongoDB: one document per customer, written whole with a version check. A phone
 * belongs to one record of a site that stands on its own: the store refuses a second
 * ({@link #PHONES_UNIQUE}, created at start). Phones are found by their keyed hash (R-SEC-3).
 */
public class MongoCustomers implements Customers {

    static final String COUNTERS = "archive_counters";
    public static final String COLLECTION = CustomerDocument.COLLECTION;
    /** R-CUS-3: one phone, one customer of the site (sparse: records written before it have no keys yet). */
    public static final Index PHONES_UNIQUE = new Index().on(CustomerDocument.PHONE_KEYS, Sort.Direction.ASC).unique().sparse()
            .named("phone_once_per_site");
    /** A customer by a phone's keyed hash ({@link #byPhone}), by a visit ({@link #byVisit}). */
    public static final Index BY_PHONE = new Index().on(CustomerDocument.PHONE_HASHES, Sort.Direction.ASC).named("by_phone_hash");
    public static final Index BY_VISIT = new Index().on("visitIds", Sort.Direction.ASC).named("by_visit");
    /** Every index of the collection, created at start. */
    public static final List<Index> INDEXES = List.of(PHONES_UNIQUE, BY_PHONE, BY_VISIT);

    private final ScopedMongo mongo;
    private final PhoneKey key;

    public MongoCustomers(ScopedMongo mongo, PhoneKey key) {
        this.mongo = mongo;
        this.key = key;
    }

    @Override
    public Mono<Stored<Customer>> byId(SiteScope scope, String site, String customerId) {
        return one(scope, site, Criteria.where("_id").is(customerId));
    }

    @Override
    public Mono<Stored<Customer>> byPhone(SiteScope scope, String site, String e164) {
        // a tombstone keeps its phones for the record; the survivor has them too
        return one(scope, site, Criteria.where(CustomerDocument.PHONE_HASHES).is(key.hash(new Phone(e164))).and("mergedInto").is(null));
    }

    @Override
    public Mono<Stored<Customer>> byArchiveNo(SiteScope scope, String site, String archiveNo) {
        return one(scope, site, Criteria.where("archiveNo").is(archiveNo));
    }

    @Override
    public Mono<Stored<Customer>> byVisit(SiteScope scope, String site, String visitId) {
        return one(scope, site, Criteria.where("visitIds").is(visitId));
    }

    @Override
    public Mono<Stored<Customer>> byComplaint(SiteScope scope, String site, String complaintId) {
        return one(scope, site, Criteria.where("complaintIds").is(complaintId));
    }

    @Override
    public Mono<Stored<Customer>> byDispute(SiteScope scope, String site, String disputeId) {
        return one(scope, site, Criteria.where("disputeIds").is(disputeId));
    }

    @Override
    public Flux<Customer> ownedBy(SiteScope scope, String site, String rep) {
        return many(scope, site, Criteria.where("owner").is(rep));
    }

    @Override
    public Flux<Customer> withPendingComplaints(SiteScope scope, String site) {
        return many(scope, site, Criteria.where("pendingComplaints.0").exists(true));
    }

    @Override
    public Flux<Customer> withOpenDisputes(SiteScope scope, String site) {
        return many(scope, site, Criteria.where("openDisputes.0").exists(true));
    }

    @Override
    public Flux<Customer> beingMerged(SiteScope scope) {
        return mongo.find(scope, Query.query(Criteria.where("merge.complete").is(false)), CustomerDocument.class,
                CustomerDocument.COLLECTION).map(CustomerDocument::customer);
    }

    @Override
    public Mono<Boolean> add(Caller caller, Customer customer, List<PendingEvent> events) {
        return mongo.insert(caller, CustomerDocument.of(customer, key), CustomerDocument.COLLECTION, events).thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
    }

    @Override
    public Mono<Boolean> update(Caller caller, Customer customer, long expectedVersion, List<PendingEvent> events) {
        return mongo.replace(caller, CustomerDocument.of(customer, key), expectedVersion, CustomerDocument.COLLECTION, events)
                .onErrorMap(DuplicateKeyException.class, e -> new PhoneTaken(customer.id()));
    }

    @Override
    public Mono<String> nextArchiveNo(Caller caller, String site) {
        Query counter = Query.query(Criteria.where("_id").is(site));
        Update next = new Update().inc("seq", 1L);
        return mongo.findAndModify(caller, counter, next, org.bson.Document.class, COUNTERS, List.of())
                .switchIfEmpty(Mono.defer(() -> mongo.insertPlain(caller.scope(), new Counter(site, site, 0L), COUNTERS)
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.empty())
                        .then(mongo.findAndModify(caller, Query.query(Criteria.where("_id").is(site)), new Update().inc("seq", 1L),
                                org.bson.Document.class, COUNTERS, List.of()))))
                .map(document -> String.format("%s-%06d", site, document.get("seq", Number.class).longValue()));
    }

    /** A site's archive-number counter. */
    record Counter(@org.springframework.data.annotation.Id String id, String siteId, long seq) {
    }

    private Mono<Stored<Customer>> one(SiteScope scope, String site, Criteria criteria) {
        return mongo.findOne(scope, Query.query(criteria.and(ScopedMongo.SITE).is(site)), CustomerDocument.class,
                        CustomerDocument.COLLECTION)
                .map(d -> new Stored<>(d.customer(), d.version() == null ? 1 : d.version()));
    }

    private Flux<Customer> many(SiteScope scope, String site, Criteria criteria) {
        return mongo.find(scope, Query.query(criteria.and(ScopedMongo.SITE).is(site)).with(Sort.by("archiveNo")),
                CustomerDocument.class, CustomerDocument.COLLECTION).map(CustomerDocument::customer);
    }
}
