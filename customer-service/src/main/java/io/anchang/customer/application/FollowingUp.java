package io.anchang.customer.application;

import io.anchang.customer.domain.Customer;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Mono;

import java.time.Clock;

/**
 * R-ATT-12: follow-up and after-sales belong to the rep who holds the credit; a SUPERVISOR
 * checks follow-ups, which renew the claim where the site counts them (R-ATT-2 CHECKED_FOLLOW_UP).
 * Each is announced and goes to the audit trail (R-SEC-4) in the same write as the change.
 */
public class FollowingUp {

    private final Customers customers;
    private final CustomerChanges changes;
    private final Clock clock;

    public FollowingUp(Customers customers, Clock clock) {
        this.customers = customers;
        this.changes = new CustomerChanges(customers);
        this.clock = clock;
    }

    public Mono<Customer> record(Caller caller, String site, String customerId, String method, String note) {
        caller.requireOn(site, Role.SALES);
        return changes.change(caller, () -> customers.byId(caller.scope(), site, customerId),
                () -> CustomerChanges.unknownCustomer(customerId),
                c -> c.followedUp(caller.userId(), clock.instant(), method, note), CustomerEvents::followUps);
    }

    public Mono<Customer> check(Caller caller, String site, String customerId, int number) {
        caller.requireOn(site, Role.SUPERVISOR);
        return changes.change(caller, () -> customers.byId(caller.scope(), site, customerId),
                () -> CustomerChanges.unknownCustomer(customerId),
                c -> c.followUpChecked(number, caller.userId(), clock.instant()), CustomerEvents::followUps);
    }
}
