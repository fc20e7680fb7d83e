package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.Customer;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The archive as use cases read it (R-CUS-3): every lookup — by id, phone, archive number, visit,
 * complaint or dispute — answers the record that stands on its own. A tombstone leads to the record
 * it was merged into; a record found half-merged (its merge interrupted) has its merge finished
 * first, so whatever comes next is written to the survivor and nothing is lost. Lists show only
 * records that stand on their own.
 */
final class Survivors implements Customers {

    /** More merges than this in a chain is a broken store, not a site. */
    private static final int LONGEST_CHAIN = 32;

    private final Customers store;
    private final BiFunction<String, String, Mono<Void>> finishing;

    /**
     * @param finishing finishes the merge of a record (site, record id) marked to be merged
     */
    Survivors(Customers store, BiFunction<String, String, Mono<Void>> finishing) {
        this.store = store;
        this.finishing = finishing;
    }

    /** The record that stands for {@code found}: itself, or the survivor it was, or is being, merged into. */
    Mono<Stored<Customer>> survivorOf(SiteScope scope, String site, Stored<Customer> found) {
        return follow(scope, site, found, 0);
    }

    private Mono<Stored<Customer>> follow(SiteScope scope, String site, Stored<Customer> found, int hops) {
        Customer customer = found.value();
        if (customer.active()) {
            return Mono.just(found);
        }
        if (hops > LONGEST_CHAIN) {
            return Mono.error(new IllegalStateException("customer " + customer.id() + " is merged along more than "
                    + LONGEST_CHAIN + " records"));
        }
        Mono<Stored<Customer>> next = customer.beingMerged()
                ? finishing.apply(site, customer.id()).then(Mono.defer(() -> store.byId(scope, site, customer.id())))
                : store.byId(scope, site, customer.merge().into());
        return next.flatMap(stored -> follow(scope, site, stored, hops + 1));
    }

    private Mono<Stored<Customer>> standing(SiteScope scope, String site, Mono<Stored<Customer>> found) {
        return found.flatMap(stored -> survivorOf(scope, site, stored));
    }

    @Override
    public Mono<Stored<Customer>> byId(SiteScope scope, String site, String customerId) {
        return standing(scope, site, store.byId(scope, site, customerId));
    }

    @Override
    public Mono<Stored<Customer>> byPhone(SiteScope scope, String site, String e164) {
        return standing(scope, site, store.byPhone(scope, site, e164));
    }

    @Override
    public Mono<Stored<Customer>> byArchiveNo(SiteScope scope, String site, String archiveNo) {
        return standing(scope, site, store.byArchiveNo(scope, site, archiveNo));
    }

    @Override
    public Mono<Stored<Customer>> byVisit(SiteScope scope, String site, String visitId) {
        return standing(scope, site, store.byVisit(scope, site, visitId));
    }

    @Override
    public Mono<Stored<Customer>> byComplaint(SiteScope scope, String site, String complaintId) {
        return standing(scope, site, store.byComplaint(scope, site, complaintId));
    }

    @Override
    public Mono<Stored<Customer>> byDispute(SiteScope scope, String site, String disputeId) {
        return standing(scope, site, store.byDispute(scope, site, disputeId));
    }

    @Override
    public Flux<Customer> ownedBy(SiteScope scope, String site, String rep) {
        return active(store.ownedBy(scope, site, rep));
    }

    @Override
    public Flux<Customer> withPendingComplaints(SiteScope scope, String site) {
        return active(store.withPendingComplaints(scope, site));
    }

    @Override
    public Flux<Customer> withOpenDisputes(SiteScope scope, String site) {
        return active(store.withOpenDisputes(scope, site));
    }

    @Override
    public Flux<Customer> beingMerged(SiteScope scope) {
        return store.beingMerged(scope);
    }

    @Override
    public Mono<Boolean> add(Caller caller, Customer customer, List<PendingEvent> events) {
        return store.add(caller, customer, events);
    }

    @Override
    public Mono<Boolean> update(Caller caller, Customer customer, long expectedVersion, List<PendingEvent> events) {
        return store.update(caller, customer, expectedVersion, events);
    }

    @Override
    public Mono<String> nextArchiveNo(Caller caller, String site) {
        return store.nextArchiveNo(caller, site);
    }

    private static Flux<Customer> active(Flux<Customer> customers) {
        return customers.filter(Customer::active);
    }
}
