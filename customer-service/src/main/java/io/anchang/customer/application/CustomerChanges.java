package io.anchang.customer.application;

import io.anchang.customer.domain.Customer;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.store.Contended;
import io.anchang.platform.store.Stored;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Changes one customer by the platform's read → decide → conditional write ({@link Contended}), with the events the change causes. */
final class CustomerChanges {

    private final Customers customers;

    CustomerChanges(Customers customers) {
        this.customers = customers;
    }

    Mono<Customer> change(Caller caller, Supplier<Mono<Stored<Customer>>> read, Supplier<ProblemException> missing,
                          UnaryOperator<Customer> change, BiFunction<Customer, Customer, List<PendingEvent>> events) {
        return Contended.change(() -> read.get().switchIfEmpty(Mono.error(missing)), stored -> {
            Customer after = change.apply(stored.value());
            if (after == stored.value()) {
                return Mono.just(after);
            }
            return Contended.written(customers.update(caller, after, stored.version(), events.apply(stored.value(), after)), after);
        });
    }

    static ProblemException unknownCustomer(String id) {
        return ProblemException.notFound("customer-unknown", "没有这位客户 (No customer " + id + " at this site)");
    }
}
