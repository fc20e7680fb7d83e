package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.Customer;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The customer archive's store. Every method takes the caller's scope or identity (R-SEC-1).
 * The store itself answers records as they are, tombstones and records being merged among them
 * (R-CUS-3); use cases read through {@link Survivors}, which answers the record that stands.
 */
public interface Customers {

    Mono<Stored<Customer>> byId(SiteScope scope, String site, String customerId);

    /** R-CUS-3: the customer a phone (E.164) identifies within a site. */
    Mono<Stored<Customer>> byPhone(SiteScope scope, String site, String e164);

    /** R-CUS-2: the customer with this archive number (SH01-000123). */
    Mono<Stored<Customer>> byArchiveNo(SiteScope scope, String site, String archiveNo);

    Mono<Stored<Customer>> byVisit(SiteScope scope, String site, String visitId);

    Mono<Stored<Customer>> byComplaint(SiteScope scope, String site, String complaintId);

    Mono<Stored<Customer>> byDispute(SiteScope scope, String site, String disputeId);

    Flux<Customer> ownedBy(SiteScope scope, String site, String rep);

    Flux<Customer> withPendingComplaints(SiteScope scope, String site);

    Flux<Customer> withOpenDisputes(SiteScope scope, String site);

    /** R-CUS-3: records marked to be merged and not folded in yet, of every site in the scope (recovery). */
    Flux<Customer> beingMerged(SiteScope scope);

    /** Stores a new customer with its events; false if a customer with that id, or one of its phones, exists already. */
    Mono<Boolean> add(Caller caller, Customer customer, List<PendingEvent> events);

    /**
     * Stores the customer with its events if it is still at {@code expectedVersion}; fails with
     * {@link PhoneTaken} if it would share a phone with another record of the site (R-CUS-3).
     */
    Mono<Boolean> update(Caller caller, Customer customer, long expectedVersion, List<PendingEvent> events);

    /** R-CUS-2: the site's next archive number (SH01-000123), from a counter no two writers can share. */
    Mono<String> nextArchiveNo(Caller caller, String site);

    /** R-CUS-3: a write would give {@code customerId} a phone that another record of the site has: nothing was written. */
    final class PhoneTaken extends RuntimeException {

        public PhoneTaken(String customerId) {
            super("a phone of " + customerId + " belongs to another customer of the site", null, false, false);
        }
    }
}
