package io.anchang.customer.application;

import io.anchang.customer.domain.DealCredit;
import io.anchang.platform.events.customer.DealCreditSettled;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/**
 * R-ATT-17: the credit and bonus shares a deal took at its big deposit are provisional until the contract,
 * final at it ({@code deal.contract-signed}), and reversed if the deal is refunded ({@code deal.refunded}) or
 * cancelled for breach ({@code deal.breach-ruled}, CANCELLATION) — kept with the customer, announced with
 * {@code customer.deal-credit-settled}.
 */
public class SettlingDealCredit {

    private static final Logger log = LoggerFactory.getLogger(SettlingDealCredit.class);

    private final Customers customers;
    private final CustomerChanges changes;

    public SettlingDealCredit(Customers customers) {
        this.customers = customers;
        this.changes = new CustomerChanges(customers);
    }

    /** The deal's shares become {@code status} (FINAL or REVERSED) because of {@code cause}; nothing if the customer or the deal is unknown here. */
    public Mono<Void> settle(String site, String customerId, String dealId, String status, String cause, Instant at) {
        Caller system = Caller.system("customer-service");
        return customers.byId(system.scope(), site, customerId)
                .switchIfEmpty(Mono.fromRunnable(() -> log.warn("deal {} names customer {} whom site {} does not know: its credit is not settled here",
                        dealId, customerId, site)))
                .flatMap(found -> changes.change(system, () -> customers.byId(system.scope(), site, customerId),
                        () -> CustomerChanges.unknownCustomer(customerId),
                        c -> c.withDealSettled(dealId, status),
                        (before, after) -> List.of(PendingEvent.of(site, after.id(), new DealCreditSettled(dealId, site, after.id(), status, cause, at))
                                .before(before.deal(dealId).map(DealCredit::status).orElse(null))
                                .because("R-ATT-17 " + (DealCredit.FINAL.equals(status) ? "签约，业绩与奖金分成确定" : "退房或违约解约，业绩与奖金分成冲回")))))
                .then();
    }
}
