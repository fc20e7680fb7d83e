package io.anchang.customer.application;

import io.anchang.platform.store.Contended;
import io.anchang.platform.store.Raced;
import io.anchang.customer.domain.Customer;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Map;

/**
 * R-CUS-3: a customer may have several phones. The owner rep, a SUPERVISOR or the MANAGER of the
 * site adds one in any usual spelling; it identifies the customer from then on. A phone that
 * another customer of the site has is refused, naming that customer so that a MANAGER can merge
 * the two records; the store's unique phone index refuses it too when two writers race.
 *
 * <p>The addition is announced ({@code customer.phone-added}) and goes to the audit trail (R-SEC-4)
 * in the same write as the change: the customer's outbox.
 */
public class AddingPhones {

    private final Customers customers;
    private final Clock clock;

    public AddingPhones(Customers customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
    }

    public Mono<Customer> add(Caller caller, String site, String customerId, String phone) {
        caller.requireOn(site, Role.SALES);
        Phone parsed = Phone.parse(phone);
        return Contended.retried(() -> customers.byId(caller.scope(), site, customerId)
                        .switchIfEmpty(Mono.error(() -> CustomerChanges.unknownCustomer(customerId)))
                        .flatMap(stored -> {
                            Customer before = stored.value();
                            mayChange(caller, before);
                            Customer after = before.withPhone(parsed.e164());
                            if (after == before) {
                                return Mono.just(before);
                            }
                            return customers.byPhone(caller.scope(), site, parsed.e164())
                                    // a record being merged into this very customer had it: it is this customer's now
                                    .flatMap(other -> Mono.<Customer>error(other.value().id().equals(before.id())
                                            ? new Raced() : anotherCustomers(parsed, other.value(), site)))
                                    .switchIfEmpty(Mono.defer(() -> customers.update(caller, after, stored.version(),
                                                    CustomerEvents.phoneAdded(before, after, parsed.e164(), caller.userId(), clock.instant()))
                                            // another writer gave the phone to another customer since the look: look again
                                            .onErrorMap(Customers.PhoneTaken.class, taken -> new Raced())
                                            .flatMap(ok -> ok ? Mono.just(after)
                                                    : Mono.error(new Raced()))));
                        }));
    }

    /** The owner rep, or a SUPERVISOR or MANAGER of the site (R-SEC-3: whoever may see the full number). */
    private static void mayChange(Caller caller, Customer customer) {
        String owner = customer.owner().orElse(null);
        if (!caller.has(Role.SUPERVISOR) && !caller.userId().equals(owner)) {
            throw ProblemException.forbidden("not-owner", "只有客户的置业顾问" + (owner == null ? "" : " " + owner)
                    + "、销售主任或销售经理可以为客户添加电话 (Only the customer's rep, a SUPERVISOR or the MANAGER may add a phone)");
        }
    }

    private static ProblemException anotherCustomers(Phone phone, Customer other, String site) {
        return new ProblemException(409, "phone-of-another-customer", "Conflict", "电话 " + phone.masked() + " 已是本案场另一位客户（档案号 "
                + other.archiveNo() + "）的电话，不能再加给这位客户。如两份档案确为同一人，请销售经理合并档案（R-CUS-3）：POST /api/customers/sites/"
                + site + "/customers/" + other.id() + "/merge，写明另一份档案和原因。 (This phone belongs to customer " + other.archiveNo()
                + " of this site; if both records are one person, a MANAGER merges them.)",
                Map.of("archiveNo", other.archiveNo(), "customerId", other.id()));
    }
}
