package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.Customer;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the use cases around the archive (care, consent, complaints, surveys, events, referrals, call lists, questions)
 * share: a customer found by id or archive number, the site's today, who may act for a customer, who may not be contacted.
 */
public class Archive {

    private final Customers customers;
    private final PersonalDataStore personalData;
    private final LocalSiteDirectory directory;
    private final Clock clock;

    public Archive(Customers customers, PersonalDataStore personalData, LocalSiteDirectory directory, Clock clock) {
        this.customers = customers;
        this.personalData = personalData;
        this.directory = directory;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /** A customer of the site by id or archive number (SH01-000123), or 404. */
    Mono<Customer> customer(Caller caller, String site, String idOrArchiveNo) {
        if (idOrArchiveNo == null || idOrArchiveNo.isBlank() || idOrArchiveNo.length() > 64) {
            return Mono.error(ProblemException.invalid("customer-missing", "请指明客户（编号或档案号） (Name the customer by id or archive number)"));
        }
        return customers.byId(caller.scope(), site, idOrArchiveNo)
                .switchIfEmpty(Mono.defer(() -> customers.byArchiveNo(caller.scope(), site, idOrArchiveNo)))
                .map(Stored::value)
                .switchIfEmpty(Mono.error(() -> CustomerChanges.unknownCustomer(idOrArchiveNo)));
    }

    Mono<SiteRules> rules(Caller caller, String site) {
        return SiteRules.of(directory, caller.scope(), site);
    }

    /** The site's calendar day now. */
    Mono<LocalDate> today(Caller caller, String site) {
        return rules(caller, site).map(rules -> LocalDate.ofInstant(clock.instant(), rules.zone()));
    }

    /** R-ATT-12: what is done for a customer is done by the rep who holds the credit, or a SUPERVISOR or the MANAGER. */
    static void requireTheirRep(Caller caller, Customer customer) {
        if (!caller.has(Role.SUPERVISOR) && !caller.userId().equals(customer.owner().orElse(null))) {
            throw ProblemException.forbidden("not-customers-rep", "只有客户的置业顾问（" + customer.owner().orElse("目前无人")
                    + "）、销售主任或销售经理可以办理 (R-ATT-12: only the customer's rep, a SUPERVISOR or the MANAGER)");
        }
    }

    /** The caller may read the site and holds one of {@code roles}. */
    static void requireReader(Caller caller, String site, Role... roles) {
        caller.scope().requireRead(site);
        if (!caller.hasAny(roles)) {
            throw ProblemException.forbidden("role-required", "此操作需要以下角色之一：" + Arrays.stream(roles)
                    .map(r -> r.chinese() + "(" + r.name() + ")").collect(Collectors.joining("、")) + " (This needs one of the roles: "
                    + Arrays.stream(roles).map(Role::name).collect(Collectors.joining(", ")) + ")");
        }
    }

    /** R-CUS-13: the customers of the site who may not be contacted. */
    Mono<Set<String>> notToContact(SiteScope scope, String site) {
        return personalData.notToContact(scope, site).collect(HashSet::new, Set::add);
    }

    /** R-CUS-13: refuses with 409 if the customer withdrew consent to be contacted. */
    Mono<Void> requireContactAllowed(Caller caller, String site, Customer customer) {
        return personalData.byCustomer(caller.scope(), site, customer.id()).map(Stored::value)
                .filter(data -> !data.contactAllowed())
                .flatMap(data -> Mono.<Void>error(ProblemException.conflict("contact-withdrawn", "客户 " + customer.archiveNo()
                        + " 已撤回联系同意，不能再联系 (R-CUS-13: the customer withdrew consent to be contacted)")));
    }

    static String masked(Customer customer) {
        return customer.phones().isEmpty() ? null : new Phone(customer.phones().get(0)).masked();
    }

    static Set<String> set(String... values) {
        return new HashSet<>(Arrays.asList(values));
    }
}
