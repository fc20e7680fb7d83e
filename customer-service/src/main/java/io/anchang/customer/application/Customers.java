package io.anchang.customer.application;

import io.anchang.customer.domain.Customer;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** The customer archive's store. Every method takes the caller's scope or identity (R-SEC-1). */
public interface Customers {

    Mono<Stored<Customer>> byId(SiteScope scope, String site, String customerId);

    /** R-CUS-3: the customer a phone (E.164) identifies within a site. */
    Mono<Stored<Customer>> byPhone(SiteScope scope, String site, String e164);

    Mono<Stored<Customer>> byVisit(SiteScope scope, String site, String visitId);

    Mono<Stored<Customer>> byComplaint(SiteScope scope, String site, String complaintId);

    Mono<Stored<Customer>> byDispute(SiteScope scope, String site, String disputeId);

    Flux<Customer> ownedBy(SiteScope scope, String site, String rep);

    Flux<Customer> withPendingComplaints(SiteScope scope, String site);

    Flux<Customer> withOpenDisputes(SiteScope scope, String site);

    /** Stores a new customer with its events; false if a customer with that id exists already. */
    Mono<Boolean> add(Caller caller, Customer customer, List<PendingEvent> events);

    /** Stores the customer with its events if it is still at {@code expectedVersion}. */
    Mono<Boolean> update(Caller caller, Customer customer, long expectedVersion, List<PendingEvent> events);

    /** R-CUS-2: the site's next archive number (SH01-000123), from a counter no two writers can share. */
    Mono<String> nextArchiveNo(Caller caller, String site);
}
