package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.card.CustomerCard;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The customer's card: the rep (R-ATT-12), a SUPERVISOR or the MANAGER classifies the customer A–D (R-CUS-2), writes the
 * notebook (R-CUS-4), marks the customer lost with the reason or follows them again (R-CUS-6); follow-ups, deposits,
 * contracts, refunds and referrals move the status where they happen (R-CUS-1, R-CUS-7). Each change is one conditional
 * write of the card with its events.
 */
public class KeepingCards {

    private static final Logger log = LoggerFactory.getLogger(KeepingCards.class);

    private final Archive archive;
    private final Customers customers;
    private final CustomerCards cards;

    public KeepingCards(Archive archive, Customers customers, CustomerCards cards) {
        this.archive = archive;
        this.customers = customers;
        this.cards = cards;
    }

    /** A customer with their card (a blank one if nothing was written yet). */
    public record Found(Customer customer, CustomerCard card, SiteRules rules) {
    }

    public Mono<Found> find(Caller caller, String site, String customerRef) {
        Archive.requireReader(caller, site, Role.SALES, Role.ASSISTANT, Role.HEAD_OFFICE);
        return archive.customer(caller, site, customerRef).flatMap(customer -> Mono.zip(cards.byCustomer(caller.scope(), site, customer.id())
                        .map(Stored::value).defaultIfEmpty(CustomerCard.blank(customer.id(), site, customer.archiveNo())), archive.rules(caller, site))
                .map(found -> new Found(customer, found.getT1(), found.getT2())));
    }

    public Mono<CustomerCard> classify(Caller caller, String site, String customerRef, CustomerCard.IntentClass to, String reason) {
        return byTheirRep(caller, site, customerRef, card -> card.classified(to, reason, caller.userId(), archive.clock().instant()));
    }

    public Mono<CustomerCard> writeNotebook(Caller caller, String site, String customerRef, String background, String suggestions,
                                            String reasonsNotBuying, String refundReasons, String notes) {
        return byTheirRep(caller, site, customerRef, card -> card.withNotebook(new CustomerCard.Notebook(blank(background), blank(suggestions),
                blank(reasonsNotBuying), blank(refundReasons), blank(notes), caller.userId(), archive.clock().instant())));
    }

    public Mono<CustomerCard> lost(Caller caller, String site, String customerRef, String reason) {
        return byTheirRep(caller, site, customerRef, card -> card.lost(reason, caller.userId(), archive.clock().instant()));
    }

    public Mono<CustomerCard> reopen(Caller caller, String site, String customerRef, String reason) {
        return byTheirRep(caller, site, customerRef, card -> card.reopened(reason, caller.userId(), archive.clock().instant()));
    }

    /**
     * A change made by the other services' events (deposits, contracts, refunds) or the archive's own (follow-ups,
     * referrals): applied once, by the service itself; a customer this site does not know is logged and left.
     */
    public Mono<Void> moved(Caller system, String site, String customerId, UnaryOperator<CustomerCard> change) {
        return customers.byId(system.scope(), site, customerId).map(Stored::value)
                .switchIfEmpty(Mono.fromRunnable(() -> log.warn("an event names customer {} whom site {} does not know: no card changed",
                        customerId, site)))
                .flatMap(customer -> write(system, site, customer, change)).then();
    }

    private Mono<CustomerCard> byTheirRep(Caller caller, String site, String customerRef, UnaryOperator<CustomerCard> change) {
        caller.requireOn(site, Role.SALES);
        return archive.customer(caller, site, customerRef).flatMap(customer -> {
            Archive.requireTheirRep(caller, customer);
            return write(caller, site, customer, change);
        });
    }

    private Mono<CustomerCard> write(Caller caller, String site, Customer customer, UnaryOperator<CustomerCard> change) {
        return Changing.change(() -> cards.byCustomer(caller.scope(), site, customer.id()), stored -> {
            CustomerCard before = stored.value() != null ? stored.value() : CustomerCard.blank(customer.id(), site, customer.archiveNo());
            CustomerCard after = change.apply(before);
            if (after.equals(before)) {
                return Mono.just(after);
            }
            List<PendingEvent> events = CardEvents.of(stored.value(), after, customer.owner().orElse(null));
            return Changing.written(cards.save(caller, after, stored.version(), events), after);
        });
    }

    static Instant now(Archive archive) {
        return archive.clock().instant();
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static ProblemException unknown(String ref) {
        return CustomerChanges.unknownCustomer(ref);
    }
}
