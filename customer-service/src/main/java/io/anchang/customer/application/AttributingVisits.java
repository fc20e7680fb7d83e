package io.anchang.customer.application;

import io.anchang.customer.domain.Claim;
import io.anchang.customer.domain.Credit;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.Decision;
import io.anchang.customer.domain.VisitRecord;
import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.ClaimView;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.events.reception.VisitRegistered;
import io.anchang.platform.events.reception.VisitServed;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Flow 1 at customer-service: resolve the customer a phone identifies (R-CUS-3), create them
 * if unknown with the next archive number (R-CUS-2), apply the attribution rules once per
 * visit id (R-ATT), store claims and events in one atomic write, and answer who serves.
 * The same use case settles what the desk reports later: a visit registered without an
 * answer (degraded mode), a waiting customer taken from the queue (R-REC-9).
 */
public class AttributingVisits {

    private static final int ATTEMPTS = 10;

    private final Customers customers;
    private final LocalSiteDirectory directory;

    public AttributingVisits(Customers customers, LocalSiteDirectory directory) {
        this.customers = customers;
        this.directory = directory;
    }


    /**
     * Flow 1's question, asked by reception-service's own identity (R-SEC-1): the web adapter has checked that identity
     * and gives {@code reception} acting for the user reception vouches for, scoped to the site of the path. The time of
     * the visit is reception's clock; no user's token ever reaches this.
     */
    public Mono<AttributionAnswer> attribute(Caller reception, String site, AttributionRequest request) {
        reception.scope().requireWrite(site);
        return resolve(reception, site, request);
    }

    /** The same, for what the desk reports by event: the service itself applies it. */
    private Mono<AttributionAnswer> resolve(Caller caller, String site, AttributionRequest request) {
        if (request.visitId() == null || request.visitId().isBlank() || request.at() == null || request.channel() == null) {
            throw ProblemException.invalid("attribution-invalid", "来访登记缺少编号、时间或渠道 (A visit needs its id, time and channel)");
        }
        Phone phone = Phone.parse(request.phone());
        return rules(caller, site)
                .flatMap(rules -> Mono.defer(() -> attempt(caller, site, request, phone, rules))
                        .retryWhen(Retry.max(ATTEMPTS).filter(CustomerChanges.Raced.class::isInstance)));
    }

    public Mono<SiteRules> rules(Caller caller, String site) {
        return SiteRules.of(directory, caller.scope(), site);
    }

    private Mono<AttributionAnswer> attempt(Caller caller, String site, AttributionRequest request, Phone phone, SiteRules rules) {
        return optional(customers.byPhone(caller.scope(), site, phone.e164())).flatMap(found -> {
            Optional<VisitRecord> done = found.flatMap(f -> f.value().visit(request.visitId()));
            if (done.isPresent() && (!done.get().waiting() || request.alreadyServedBy() == null)) {
                return Mono.just(answer(found.get().value(), done.get(), rules, request.desk()));
            }
            Mono<Optional<Stored<Customer>>> referrer = other(caller, site, request.statement().broughtByPhone());
            Mono<Optional<Stored<Customer>>> household = other(caller, site, request.statement().householdPhone());
            return Mono.zip(referrer, household).flatMap(both -> decideAndStore(caller, site, request, phone, rules,
                    found.orElse(null), both.getT1().map(Stored::value).orElse(null), both.getT2().map(Stored::value).orElse(null)));
        });
    }

    private Mono<Optional<Stored<Customer>>> other(Caller caller, String site, String phone) {
        if (phone == null || phone.isBlank()) {
            return Mono.just(Optional.empty());
        }
        return optional(customers.byPhone(caller.scope(), site, Phone.parse(phone).e164()));
    }

    private Mono<AttributionAnswer> decideAndStore(Caller caller, String site, AttributionRequest request, Phone phone,
                                                   SiteRules rules, Stored<Customer> found, Customer referrer, Customer household) {
        Instant at = request.at();
        Customer known = found == null ? null : found.value();
        Decision decision = rules.rules(at, request.desk()).decide(known, referrer, household, request);
        if (found != null) {
            Customer after = known.apply(decision, request.visitId(), request.channel(), at, rules.zone(), request.statement());
            return store(caller, known, after, found.version(), request, rules);
        }
        String source = referrer != null ? "REFERRAL" : request.channel().name();
        String householdOf = household == null ? null : household.householdOf() != null ? household.householdOf() : household.id();
        return customers.nextArchiveNo(caller, site).flatMap(archiveNo -> {
            // R-SEC-3: a random id, never derived from the phone (a masked phone and a derived id would give the number
            // away in 10^4 guesses); a retry finds the customer by the phone's keyed hash and the visit id instead
            Customer fresh = Customer.register(UUID.randomUUID().toString(), site, archiveNo, phone.e164(),
                    request.customerName(), source, at, request.receivedBy(), referrer == null ? null : referrer.id(), householdOf);
            Customer after = fresh.apply(decision, request.visitId(), request.channel(), at, rules.zone(), request.statement());
            return store(caller, null, after, 0, request, rules);
        });
    }

    private Mono<AttributionAnswer> store(Caller caller, Customer before, Customer after, long version, AttributionRequest request,
                                          SiteRules rules) {
        VisitRecord visit = after.visit(request.visitId()).orElseThrow();
        AttributionAnswer answer = answer(after, visit, rules, request.desk());
        List<PendingEvent> events = new ArrayList<>(CustomerEvents.registeredOrChanged(before, after, request.at(), visit.ruleId()));
        events.addAll(CustomerEvents.complaintsLodged(before, after));
        events.add(CustomerEvents.attributed(after, visit, credit(after, visit.at(), rules, request.desk())));
        Mono<Boolean> written = before == null ? customers.add(caller, after, events) : customers.update(caller, after, version, events);
        return written.flatMap(ok -> ok ? Mono.just(answer) : Mono.error(new CustomerChanges.Raced()));
    }

    // ---------------------------------------------------------------- what the desk reports later

    /**
     * A visit the desk gave to the first free rep instead of the one proposed: that rep helps (R-REC-9, R-ATT-7). A visit
     * registered without an answer (degraded mode) is not decided here: reception-service asks again, with its own
     * identity, once customer-service answers — the event carries no phone (R-SEC-3).
     */
    public Mono<Void> registered(VisitRegistered event) {
        if (event.attributionPending() || event.servedBy() == null) {
            return Mono.empty();
        }
        return servedInstead(Caller.system("customer-service"), event.siteId(), event.visitId(), event.servedBy());
    }

    /** R-REC-9: a waiting customer was taken by a rep: the rules decide now, with that rep serving. */
    public Mono<Void> served(VisitServed event) {
        Caller system = Caller.system("customer-service");
        return customers.byVisit(system.scope(), event.siteId(), event.visitId()).flatMap(stored -> {
            VisitRecord visit = stored.value().visit(event.visitId()).orElseThrow();
            if (!visit.waiting()) {
                return servedInstead(system, event.siteId(), event.visitId(), event.servedBy());
            }
            AttributionRequest request = new AttributionRequest(visit.visitId(), visit.channel(), stored.value().phones().get(0),
                    stored.value().name(), visit.at(), event.servedBy(), visit.statement(),
                    new Desk(event.servedBy(), false, List.of()), event.servedBy(), event.usedTurn());
            return resolve(system, event.siteId(), request).then();
        });
    }

    private Mono<Void> servedInstead(Caller caller, String site, String visitId, String rep) {
        return rules(caller, site).flatMap(rules -> Mono.defer(() -> customers.byVisit(caller.scope(), site, visitId)
                .flatMap(stored -> {
                    Customer before = stored.value();
                    VisitRecord visit = before.visit(visitId).orElseThrow();
                    if (rep.equals(visit.server()) || visit.waiting()) {
                        return Mono.<Void>empty();
                    }
                    Customer after = before.servedInstead(visitId, rep, visit.at(), rules.zone(), helper -> rep.equals(before.owner().orElse(null))
                            ? "原置业顾问" + rules.name(rep) + "接待（R-ATT-4）"
                            : "前台由第一位空闲的" + rules.name(rep) + "接待，客户不调换（R-ATT-3）；" + rules.name(rep) + "协助接待，不计轮值，业绩属"
                            + rules.name(before.owner().orElse(null)));
                    VisitRecord changed = after.visit(visitId).orElseThrow();
                    List<PendingEvent> events = new ArrayList<>(CustomerEvents.registeredOrChanged(before, after, visit.at(), changed.ruleId()));
                    events.add(CustomerEvents.attributed(after, changed, credit(after, visit.at(), rules, new Desk(null, false, List.of()))));
                    return customers.update(caller, after, stored.version(), events)
                            .flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(new CustomerChanges.Raced()));
                })).retryWhen(Retry.max(ATTEMPTS).filter(CustomerChanges.Raced.class::isInstance)));
    }

    // ---------------------------------------------------------------- answers

    static Credit credit(Customer customer, Instant at, SiteRules rules, Desk desk) {
        return Credit.at(customer, at, rules.settingsAt(at), rules.zone(), null, desk == null ? rules::name : rules.names(desk));
    }

    static AttributionAnswer answer(Customer customer, VisitRecord visit, SiteRules rules, Desk desk) {
        Credit credit = credit(customer, visit.at(), rules, desk);
        return new AttributionAnswer(visit.visitId(), customer.id(), customer.archiveNo(), CustomerEvents.masked(customer),
                customer.visits().get(0).visitId().equals(visit.visitId()), visit.server(), visit.role(), visit.preferredRep(),
                visit.usesTurn(), customer.owner().orElse(null), visit.previousOwner(), visit.ruleId(), visit.rule(),
                credit.shares(), claims(customer, visit.at(), rules), visit.complaintId(), visit.turnGivenBackTo());
    }

    /** The claims standing, and those that ended at this moment (a claim lost to this visit). */
    static List<ClaimView> claims(Customer customer, Instant at, SiteRules rules) {
        PolicySettings settings = rules.settingsAt(at);
        String owner = customer.owner().orElse(null);
        return customer.claims().stream()
                .filter(c -> !c.ended() || !c.endedAt().isBefore(at))
                .map(c -> view(c, at, settings, rules, owner))
                .toList();
    }

    static ClaimView view(Claim c, Instant at, PolicySettings settings, SiteRules rules, String owner) {
        return new ClaimView(c.rep(), c.since(), c.validUntil(at, settings, rules.zone()), c.validAt(at, settings, rules.zone()),
                !c.ended() && c.rep().equals(owner), c.ruleId());
    }

    private static <T> Mono<Optional<T>> optional(Mono<T> mono) {
        return mono.map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    static Function<String, String> names(SiteRules rules) {
        return rules::name;
    }
}
