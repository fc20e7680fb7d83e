package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.card.CustomerCard;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The customer's card: the rep (R-ATT-12), a SUPERVISOR or the MANAGER classifies the customer A–D (R-CUS-2), writes the
 * notebook (R-CUS-4), marks the customer lost with the reason or follows them again (R-CUS-6); follow-ups, deposits,
 * contracts, refunds and referrals move the status where they happen (R-CUS-1, R-CUS-7). Each change is one conditional
 * write of the card with its events.
 */
public class KeepingCards {

    private final Archive archive;
    private final CustomerCards cards;
    private final CardWrites writes;

    public KeepingCards(Archive archive, Customers customers, CustomerCards cards) {
        this.archive = archive;
        this.cards = cards;
        this.writes = new CardWrites(customers, cards);
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
        return writes.moved(system, site, customerId, change);
    }

    /** A change made by an event that names the deal and not the customer (a name change), on the card that holds the deal. */
    public Mono<Void> movedByDeal(Caller system, String site, String dealId, UnaryOperator<CustomerCard> change) {
        return writes.movedByDeal(system, site, dealId, change);
    }

    private Mono<CustomerCard> byTheirRep(Caller caller, String site, String customerRef, UnaryOperator<CustomerCard> change) {
        caller.requireOn(site, Role.SALES);
        return archive.customer(caller, site, customerRef).flatMap(customer -> {
            Archive.requireTheirRep(caller, customer);
            return writes.write(caller, site, customer, change);
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
