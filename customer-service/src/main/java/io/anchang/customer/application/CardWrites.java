package io.anchang.customer.application;

import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.card.CustomerCard;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.store.Stored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A customer's card written: one conditional write of the card with its events, whoever moves it — the card's own use
 * case, the tracking form, the other services' events (R-CUS-1, R-CUS-7). Shared by those; not a use case itself.
 */
public final class CardWrites {

    private static final Logger log = LoggerFactory.getLogger(CardWrites.class);

    private final Customers customers;
    private final CustomerCards cards;

    public CardWrites(Customers customers, CustomerCards cards) {
        this.customers = customers;
        this.cards = cards;
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

    /**
     * A change made by an event that names the deal and not the customer (a name change): applied to the card that holds
     * the deal; a deal no card holds is logged and left.
     */
    public Mono<Void> movedByDeal(Caller system, String site, String dealId, UnaryOperator<CustomerCard> change) {
        return cards.byDeal(system.scope(), site, dealId)
                .switchIfEmpty(Mono.fromRunnable(() -> log.warn("an event names deal {} that no card of site {} holds: no card changed",
                        dealId, site)))
                .flatMap(card -> moved(system, site, card.customerId(), change));
    }

    Mono<CustomerCard> write(Caller caller, String site, Customer customer, UnaryOperator<CustomerCard> change) {
        return Changes.change(() -> cards.byCustomer(caller.scope(), site, customer.id()), stored -> {
            CustomerCard before = stored.value() != null ? stored.value() : CustomerCard.blank(customer.id(), site, customer.archiveNo());
            CustomerCard after = change.apply(before);
            if (after.equals(before)) {
                return Mono.just(after);
            }
            List<PendingEvent> events = CardEvents.of(stored.value(), after, customer.owner().orElse(null));
            return Changes.written(cards.save(caller, after, stored.version(), events), after);
        });
    }

}
