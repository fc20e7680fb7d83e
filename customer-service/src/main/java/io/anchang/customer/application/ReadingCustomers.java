package io.anchang.customer.application;

import io.anchang.customer.domain.Credit;
import io.anchang.customer.domain.Customer;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.security.Caller;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;

/** The archive as the site reads it: a customer by phone or id, and the credit valid at any moment (R-ATT-17). */
public class ReadingCustomers {

    private final Customers customers;
    private final LocalSiteDirectory directory;
    private final Clock clock;

    public ReadingCustomers(Customers customers, LocalSiteDirectory directory, Clock clock) {
        this.customers = customers;
        this.directory = directory;
        this.clock = clock;
    }

    /** A customer with the site's rules, for a view. */
    public record Found(Customer customer, SiteRules rules, Instant at) {
    }

    public Mono<Found> byPhone(Caller caller, String site, String phone) {
        caller.scope().requireRead(site);
        Phone parsed = Phone.parse(phone);
        return SiteRules.of(directory, caller.scope(), site).flatMap(rules -> customers.byPhone(caller.scope(), site, parsed.e164())
                .switchIfEmpty(Mono.error(() -> io.anchang.platform.problem.ProblemException.notFound("customer-unknown",
                        "没有电话为 " + parsed.masked() + " 的客户 (No customer with this phone at site " + site + ")")))
                .map(s -> new Found(s.value(), rules, clock.instant())));
    }

    public Mono<Found> byId(Caller caller, String site, String customerId) {
        caller.scope().requireRead(site);
        return SiteRules.of(directory, caller.scope(), site).flatMap(rules -> customers.byId(caller.scope(), site, customerId)
                .switchIfEmpty(Mono.error(() -> CustomerChanges.unknownCustomer(customerId)))
                .map(s -> new Found(s.value(), rules, clock.instant())));
    }

    /** R-ATT-17: the credit and shares valid at {@code at} (now when null), as if the big deposit were signed then. */
    public Mono<Credit> credit(Caller caller, String site, String customerId, Instant at) {
        return byId(caller, site, customerId).map(found -> {
            Instant moment = at == null ? found.at() : at;
            return Credit.at(found.customer(), moment, found.rules().settingsAt(moment), found.rules().zone(), null, found.rules()::name);
        });
    }
}
