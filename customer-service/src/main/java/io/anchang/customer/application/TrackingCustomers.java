package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.FollowUp;
import io.anchang.customer.domain.card.CustomerCard;
import io.anchang.platform.events.customer.FollowUpOverdue;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.StaffMember;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * R-CUS-5 (policy 四1-2): the tracking form (客户追踪表) of class A and B customers — dated follow-ups with the method, what
 * was said, the customer's objections (抗性), the next step and the day of the next follow-up. Each rep reads the
 * follow-ups due today; the SUPERVISOR checks the forms (R-ATT-12's check) and sees whose follow-ups are overdue; an
 * overdue follow-up is announced once, for reports.
 */
public class TrackingCustomers {

    private final Archive archive;
    private final Customers customers;
    private final CustomerChanges changes;
    private final CustomerCards cards;
    private final CardWrites cardWrites;

    public TrackingCustomers(Archive archive, Customers customers, CustomerCards cards) {
        this.archive = archive;
        this.customers = customers;
        this.changes = new CustomerChanges(customers);
        this.cards = cards;
        this.cardWrites = new CardWrites(customers, cards);
    }

    /** A line of a rep's list: the customer, their class, the follow-up that set the day, and the day. */
    public record Due(String customerId, String archiveNo, String name, String phoneMasked, String rep, String intentClass,
                      int number, String nextStep, String objections, LocalDate dueOn, boolean overdue) {
    }

    /** A rep's list of a day: due that day, and overdue from before. */
    public record DayList(LocalDate day, String rep, List<Due> due, List<Due> overdue) {
    }

    /** R-CUS-5, R-ATT-12: the rep who holds the credit records a follow-up from the tracking form. */
    public Mono<Customer> track(Caller caller, String site, String customerRef, String method, String note, LocalDate day,
                                String objections, String nextStep, LocalDate nextDate) {
        caller.requireOn(site, Role.SALES);
        return archive.customer(caller, site, customerRef).zipWith(archive.rules(caller, site)).flatMap(found -> {
            Customer customer = found.getT1();
            SiteRules rules = found.getT2();
            Instant now = archive.clock().instant();
            FollowUp.Tracking tracking = FollowUp.Tracking.of(day, objections, nextStep, nextDate,
                    LocalDate.ofInstant(customer.registeredAt(), rules.zone()), LocalDate.ofInstant(now, rules.zone()));
            // the card follows at once (R-CUS-1); the follow-up's event moves it too, should this second write not happen
            return changes.change(caller, () -> customers.byId(caller.scope(), site, customer.id()),
                    () -> CustomerChanges.unknownCustomer(customer.id()),
                    c -> c.followedUp(caller.userId(), now, method, note, tracking), CustomerEvents::followUps)
                    .flatMap(after -> cardWrites.moved(Caller.system("customer-service"), site, after.id(),
                            card -> card.followedUp(caller.userId(), now, "customer.follow-up-recorded")).thenReturn(after));
        });
    }

    /** R-CUS-5: a rep's follow-ups due on {@code day} (today if null) and those overdue; a SUPERVISOR or the MANAGER may read any rep's. */
    public Mono<DayList> dayList(Caller caller, String site, String rep, LocalDate day) {
        Archive.requireReader(caller, site, Role.SALES);
        String whose = rep == null ? caller.userId() : rep;
        if (!whose.equals(caller.userId()) && !caller.has(Role.SUPERVISOR)) {
            throw ProblemException.forbidden("not-your-list", "置业顾问只能查看自己的跟进清单 (A rep reads their own list)");
        }
        return archive.today(caller, site).flatMap(today -> {
            LocalDate shown = day == null ? today : day;
            return dues(caller.scope(), site, List.of(whose), shown).map(all -> new DayList(shown, whose,
                    all.stream().filter(d -> d.dueOn().equals(shown)).toList(),
                    all.stream().filter(Due::overdue).toList()));
        });
    }

    /** R-CUS-5: the SUPERVISOR's check — every rep's overdue follow-ups, by rep. */
    public Mono<Map<String, List<Due>>> overdue(Caller caller, String site) {
        Archive.requireReader(caller, site, Role.SUPERVISOR, Role.HEAD_OFFICE);
        return archive.rules(caller, site).flatMap(rules -> {
            List<String> reps = rules.profile() == null ? List.of() : rules.profile().staff().stream().filter(StaffMember::active)
                    .filter(m -> m.role() == Role.SALES || m.role() == Role.SUPERVISOR || m.role() == Role.MANAGER)
                    .map(StaffMember::userId).toList();
            LocalDate today = LocalDate.ofInstant(archive.clock().instant(), rules.zone());
            return dues(caller.scope(), site, reps, today).map(all -> {
                Map<String, List<Due>> byRep = new java.util.TreeMap<>();
                all.stream().filter(Due::overdue).forEach(d -> byRep.computeIfAbsent(d.rep(), r -> new java.util.ArrayList<>()).add(d));
                return byRep;
            });
        });
    }

    /**
     * R-CUS-5: announces each follow-up that became overdue — of every site this service serves — once
     * ({@code customer.follow-up-overdue}, on the card). Run now and then; several instances at once announce each once.
     */
    public Mono<Long> announceOverdue() {
        Caller system = Caller.system("customer-service");
        return cards.tracked(SiteScope.system()).concatMap(card -> archive.rules(system, card.siteId()).flatMap(rules ->
                customers.byId(system.scope(), card.siteId(), card.customerId()).map(Stored::value).flatMap(customer -> {
                    LocalDate today = LocalDate.ofInstant(archive.clock().instant(), rules.zone());
                    Optional<Due> due = due(customer, card, today);
                    if (due.isEmpty() || !due.get().overdue() || Integer.valueOf(due.get().number()).equals(card.overdueAnnounced())) {
                        return Mono.<Boolean>empty();
                    }
                    return Changes.change(() -> cards.byCustomer(system.scope(), card.siteId(), card.customerId()), stored -> {
                        if (stored.value() == null || Integer.valueOf(due.get().number()).equals(stored.value().overdueAnnounced())) {
                            return Mono.just(false);
                        }
                        Instant now = archive.clock().instant();
                        CustomerCard after = stored.value().overdueAnnounced(due.get().number(), now);
                        PendingEvent event = PendingEvent.of(card.siteId(), card.customerId(), new FollowUpOverdue(card.customerId(),
                                card.siteId(), card.archiveNo(), due.get().intentClass(), due.get().rep(), due.get().number(),
                                due.get().dueOn(), now)).because("R-CUS-5 跟进逾期：应于 " + due.get().dueOn() + " 跟进");
                        return Changes.written(cards.save(system, after, stored.version(), List.of(event)), true);
                    });
                }))).filter(Boolean::booleanValue).count();
    }

    private Mono<List<Due>> dues(SiteScope scope, String site, List<String> reps, LocalDate today) {
        return Flux.fromIterable(reps).concatMap(rep -> customers.ownedBy(scope, site, rep)).collectList()
                .flatMap(owned -> cards.of(scope, site).collectMap(CustomerCard::customerId, Function.identity())
                        .map(byCustomer -> owned.stream().map(c -> due(c, byCustomer.get(c.id()), today)).flatMap(Optional::stream)
                                .sorted(Comparator.comparing(Due::dueOn).thenComparing(Due::archiveNo)).toList()));
    }

    /** The next follow-up a class A or B customer's tracking form set, if any, and whether it is overdue. */
    static Optional<Due> due(Customer customer, CustomerCard card, LocalDate today) {
        if (card == null || card.intentClass() == null || !card.intentClass().tracked() || card.status().dealt()
                || card.status() == CustomerCard.Status.LOST || customer.followUps().isEmpty()) {
            return Optional.empty();
        }
        FollowUp last = customer.followUps().get(customer.followUps().size() - 1);
        if (last.tracking() == null || last.tracking().nextDate() == null) {
            return Optional.empty();
        }
        LocalDate dueOn = last.tracking().nextDate();
        return Optional.of(new Due(customer.id(), customer.archiveNo(), customer.name(), Archive.masked(customer),
                customer.owner().orElse(null), card.intentClass().name(), last.number(), last.tracking().nextStep(),
                last.tracking().objections(), dueOn, dueOn.isBefore(today)));
    }
}
