package io.anchang.customer.application;

import io.anchang.customer.domain.Customer;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Changes one customer by a conditional write on its version, reading again if someone else wrote first. */
final class CustomerChanges {

    private final Customers customers;

    CustomerChanges(Customers customers) {
        this.customers = customers;
    }

    /** A lost race with another writer of the same customer: read again and decide again. */
    static final class Raced extends RuntimeException {
        Raced() {
            super(null, null, false, false);
        }
    }

    Mono<Customer> change(Caller caller, Supplier<Mono<Stored<Customer>>> read, Supplier<ProblemException> missing,
                          UnaryOperator<Customer> change, BiFunction<Customer, Customer, List<PendingEvent>> events) {
        return Mono.defer(() -> read.get()
                        .switchIfEmpty(Mono.error(missing))
                        .flatMap(stored -> {
                            Customer after = change.apply(stored.value());
                            if (after == stored.value()) {
                                return Mono.just(after);
                            }
                            return customers.update(caller, after, stored.version(), events.apply(stored.value(), after))
                                    .flatMap(ok -> ok ? Mono.just(after) : Mono.error(new Raced()));
                        }))
                .retryWhen(Retry.max(10).filter(Raced.class::isInstance));
    }

    static ProblemException unknownCustomer(String id) {
        return ProblemException.notFound("customer-unknown", "没有这位客户 (No customer " + id + " at this site)");
    }
}
