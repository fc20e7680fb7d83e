package io.anchang.customer.application;

import io.anchang.customer.domain.Credit;
import io.anchang.customer.domain.DealCredit;
import io.anchang.platform.events.customer.DealCreditFixed;
import io.anchang.platform.events.deal.BigDepositSigned;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * R-ATT-17: when a big deposit is signed, the credit and bonus shares are taken from the
 * claims valid at that moment, kept with the customer, and told to deal-service; several
 * visits' arrangements flag the deal for the MANAGER (R-ATT-16).
 */
public class FixingDealCredit {

    private static final Logger log = LoggerFactory.getLogger(FixingDealCredit.class);

    private final Customers customers;
    private final CustomerChanges changes;
    private final LocalSiteDirectory directory;

    public FixingDealCredit(Customers customers, LocalSiteDirectory directory) {
        this.customers = customers;
        this.changes = new CustomerChanges(customers);
        this.directory = directory;
    }

    public Mono<Void> fix(BigDepositSigned deal) {
        Caller system = Caller.system("customer-service");
        return SiteRules.of(directory, system.scope(), deal.siteId()).flatMap(rules -> customers.byId(system.scope(), deal.siteId(), deal.customerId())
                .switchIfEmpty(Mono.fromRunnable(() -> log.warn("deal {} names customer {} whom site {} does not know: no credit fixed",
                        deal.dealId(), deal.customerId(), deal.siteId())))
                .flatMap(found -> changes.change(system, () -> customers.byId(system.scope(), deal.siteId(), deal.customerId()),
                        () -> CustomerChanges.unknownCustomer(deal.customerId()),
                        c -> {
                            Credit credit = Credit.at(c, deal.signedAt(), rules.settingsAt(deal.signedAt()), rules.zone(),
                                    deal.repUserId(), rules::name);
                            return c.withDeal(new DealCredit(deal.dealId(), deal.signedAt(), credit.shares(), credit.ruleId(),
                                    credit.explanation(), credit.needsManagerRuling(), "PROVISIONAL"));
                        },
                        (before, after) -> {
                            DealCredit fixed = after.deal(deal.dealId()).orElseThrow();
                            return List.of(PendingEvent.of(deal.siteId(), after.id(), new DealCreditFixed(deal.dealId(), deal.siteId(),
                                    after.id(), fixed.shares().stream().map(s -> new DealCreditFixed.Share(s.userId(), s.credit(), s.bonusPercent())).toList(),
                                    fixed.ruleId(), fixed.explanation(), fixed.needsManagerRuling(), fixed.validAt())).because(fixed.explanation()));
                        }))
                .then());
    }
}
