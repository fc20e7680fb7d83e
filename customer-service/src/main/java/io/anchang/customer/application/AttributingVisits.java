package io.anchang.customer.application;

import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.Decision;
import io.anchang.customer.domain.VisitRecord;
import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.events.reception.CustomerLeft;
import io.anchang.platform.events.reception.VisitRegistered;
import io.anchang.platform.events.reception.VisitServed;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import io.anchang.platform.store.Contended;
import io.anchang.platform.store.Stored;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Flow 1 at customer-service: resolve the customer a phone identifies (R-CUS-3), create them
 * if unknown with the next archive number (R-CUS-2), apply the attribution rules once per
 * visit id (R-ATT), store claims and events in one atomic write, and answer who serves.
 * The same use case settles what the desk reports later: a visit registered without an
 * answer (degraded mode), a waiting customer taken from the queue or leaving it (R-REC-9).
 */
public class AttributingVisits {

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
        return rules(caller, site).flatMap(rules -> Contended.retried(() -> attempt(caller, site, request, phone, rules)));
    }

    public Mono<SiteRules> rules(Caller caller, String site) {
        return SiteRules.of(directory, caller.scope(), site);
    }

    private Mono<AttributionAnswer> attempt(Caller caller, String site, AttributionRequest request, Phone phone, SiteRules rules) {
        return optional(customers.byPhone(caller.scope(), site, phone.e164())).flatMap(found -> {
            Optional<VisitRecord> done = found.flatMap(f -> f.value().visit(request.visitId()));
            if (done.isPresent() && (!done.get().waiting() || request.alreadyServedBy() == null)) {
                return Mono.just(Answers.answer(found.get().value(), done.get(), rules, request.desk(), request.at()));
            }
            return links(caller, site, request.statement()).flatMap(links -> decideAndStore(caller, site, request, phone, rules,
                    found.orElse(null), links));
        });
    }

    /** The customers a statement links the visitor to: who brought them (R-ATT-13) and their household's first member (R-ATT-14). */
    private record Links(Customer referrer, Customer household) {
    }

    private Mono<Links> links(Caller caller, String site, Statement said) {
        Mono<Optional<Customer>> referrer = other(caller, site, said.broughtByPhone());
        Mono<Optional<Customer>> household = other(caller, site, said.householdPhone()).flatMap(member -> member
                .filter(m -> m.householdOf() != null)
                .map(m -> optional(customers.byId(caller.scope(), site, m.householdOf()).map(Stored::value)))
                .orElse(Mono.just(member)));
        return Mono.zip(referrer, household).map(both -> new Links(both.getT1().orElse(null), both.getT2().orElse(null)));
    }

    private Mono<Optional<Customer>> other(Caller caller, String site, String phone) {
        if (phone == null || phone.isBlank()) {
            return Mono.just(Optional.empty());
        }
        return optional(customers.byPhone(caller.scope(), site, Phone.parse(phone).e164()).map(Stored::value));
    }

    private Mono<AttributionAnswer> decideAndStore(Caller caller, String site, AttributionRequest request, Phone phone,
                                                   SiteRules rules, Stored<Customer> found, Links links) {
        Instant at = request.at();
        Customer known = found == null ? null : found.value();
        Decision decision = rules.rules(at, request.desk()).decide(known, links.referrer(), links.household(), request);
        if (found != null) {
            Customer after = known.apply(decision, request.visitId(), request.channel(), at, rules.zone(), request.statement());
            return store(caller, known, after, found.version(), request.visitId(), at, rules, request.desk());
        }
        String source = links.referrer() != null ? "REFERRAL" : request.channel().name();
        String householdOf = links.household() == null ? null : links.household().id();
        return customers.nextArchiveNo(caller, site).flatMap(archiveNo -> {
            // R-SEC-3: a random id, never derived from the phone (a masked phone and a derived id would give the number
            // away in 10^4 guesses); a retry finds the customer by the phone's keyed hash and the visit id instead
            Customer fresh = Customer.register(UUID.randomUUID().toString(), site, archiveNo, phone.e164(),
                    request.customerName(), source, at, request.receivedBy(), links.referrer() == null ? null : links.referrer().id(),
                    householdOf);
            Customer after = fresh.apply(decision, request.visitId(), request.channel(), at, rules.zone(), request.statement());
            return store(caller, null, after, 0, request.visitId(), at, rules, request.desk());
        });
    }

    private Mono<AttributionAnswer> store(Caller caller, Customer before, Customer after, long version, String visitId, Instant now,
                                          SiteRules rules, Desk desk) {
        VisitRecord visit = after.visit(visitId).orElseThrow();
        AttributionAnswer answer = Answers.answer(after, visit, rules, desk, now);
        List<PendingEvent> events = new ArrayList<>(CustomerEvents.registeredOrChanged(before, after, visit.at(), visit.ruleId()));
        events.addAll(CustomerEvents.complaintsLodged(before, after));
        events.add(CustomerEvents.attributed(after, visit, Answers.credit(after, now, rules, desk)));
        Mono<Boolean> written = before == null ? customers.add(caller, after, events) : customers.update(caller, after, version, events);
        return Contended.written(written, answer);
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

    /**
     * R-REC-9: a waiting customer was taken by a rep — the desk's next free rep by the wait's terms, or the MANAGER's
     * assignment (R-REC-8): the rules decide the visit now, as of its arrival, with that rep serving.
     */
    public Mono<Void> served(VisitServed event) {
        Caller system = Caller.system("customer-service");
        return rules(system, event.siteId()).flatMap(rules -> Contended.retried(() -> customers.byVisit(system.scope(), event.siteId(),
                event.visitId()).flatMap(stored -> {
                    Customer before = stored.value();
                    VisitRecord visit = before.visit(event.visitId()).orElseThrow();
                    if (!visit.waiting()) {
                        return servedInstead(system, event.siteId(), event.visitId(), event.servedBy());
                    }
                    return links(system, event.siteId(), visit.statement() == null ? Statement.none() : visit.statement())
                            .flatMap(links -> {
                                Decision decision = rules.rules(visit.at(), null).taken(before, links.referrer(), links.household(), visit,
                                        event.servedBy(), event.usedTurn(), event.assigned());
                                Customer after = before.apply(decision, visit.visitId(), visit.channel(), visit.at(), rules.zone(),
                                        visit.statement());
                                return store(system, before, after, stored.version(), visit.visitId(), event.at(), rules, null).then();
                            });
                })));
    }

    /** 客户离开/未接待: a waiting customer left the queue unserved; their visit is closed as left (a complaint can then be checked). */
    public Mono<Void> left(CustomerLeft event) {
        Caller system = Caller.system("customer-service");
        return Contended.change(() -> customers.byVisit(system.scope(), event.siteId(), event.visitId()), stored -> {
            Customer after = stored.value().left(event.visitId(), event.leftAt());
            return after == stored.value() ? Mono.<Boolean>empty() : Contended.written(customers.update(system, after, stored.version(),
                    List.of()), true);
        }).then();
    }

    private Mono<Void> servedInstead(Caller caller, String site, String visitId, String rep) {
        return rules(caller, site).flatMap(rules -> Contended.change(() -> customers.byVisit(caller.scope(), site, visitId), stored -> {
            Customer before = stored.value();
            VisitRecord visit = before.visit(visitId).orElseThrow();
            if (rep.equals(visit.server()) || visit.waiting()) {
                return Mono.<Boolean>empty();
            }
            Customer after = before.servedInstead(visitId, rep, visit.at(), rules.zone(), helper -> rep.equals(before.owner().orElse(null))
                    ? "原置业顾问" + rules.name(rep) + "接待（R-ATT-4）"
                    : "前台由第一位空闲的" + rules.name(rep) + "接待，客户不调换（R-ATT-3）；" + rules.name(rep) + "协助接待，不计轮值，业绩属"
                    + rules.name(before.owner().orElse(null)));
            VisitRecord changed = after.visit(visitId).orElseThrow();
            List<PendingEvent> events = new ArrayList<>(CustomerEvents.registeredOrChanged(before, after, visit.at(), changed.ruleId()));
            events.add(CustomerEvents.attributed(after, changed, Answers.credit(after, visit.at(), rules, null)));
            return Contended.written(customers.update(caller, after, stored.version(), events), true);
        })).then();
    }

    private static <T> Mono<Optional<T>> optional(Mono<T> mono) {
        return mono.map(Optional::of).defaultIfEmpty(Optional.empty());
    }
}
