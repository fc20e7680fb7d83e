package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.relations.Occasion;
import io.anchang.platform.events.customer.OccasionUpdated;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * R-CUS-11 (制度2 二7-9, 三3): site tours, owner events and project news. A SUPERVISOR or the MANAGER announces them;
 * reps invite their customers (a SUPERVISOR or the MANAGER anyone's) or send them the news, and record answers and
 * attendance. A customer who withdrew consent to be contacted is not invited or sent anything (R-CUS-13): the whole
 * request is refused, naming them.
 */
public class OrganisingOccasions {

    /** The most customers one request reaches. */
    public static final int MAX_AT_ONCE = 200;

    private final Archive archive;
    private final Occasions occasions;

    public OrganisingOccasions(Archive archive, Occasions occasions) {
        this.archive = archive;
        this.occasions = occasions;
    }

    public Mono<Occasion> announce(Caller caller, String site, Occasion.Kind kind, String title, String description, Instant startsAt,
                                   String place) {
        caller.requireOn(site, Role.SUPERVISOR);
        Instant now = archive.clock().instant();
        Occasion occasion = Occasion.announce(UUID.randomUUID().toString(), site, kind, title, description, startsAt, place,
                caller.userId(), now);
        return Changes.written(occasions.save(caller, occasion, 0, List.of(event(occasion, "ANNOUNCED", List.of(), caller, now))), occasion);
    }

    /** Invites customers to a tour or an event, or sends them the news. */
    public Mono<Occasion> reach(Caller caller, String site, String occasionId, List<String> customerRefs, Occasion.Channel channel) {
        caller.requireOn(site, Role.SALES);
        if (customerRefs == null || customerRefs.isEmpty() || customerRefs.size() > MAX_AT_ONCE) {
            throw ProblemException.invalid("guests-invalid", "一次选择 1 到 " + MAX_AT_ONCE + " 位客户 (Choose 1 to " + MAX_AT_ONCE + " customers at a time)");
        }
        return Flux.fromIterable(customerRefs).concatMap(ref -> archive.customer(caller, site, ref)).collectList()
                .zipWith(archive.notToContact(caller.scope(), site)).flatMap(found -> {
                    List<Customer> customers = found.getT1();
                    List<String> withdrawn = customers.stream().filter(c -> found.getT2().contains(c.id())).map(Customer::archiveNo).toList();
                    if (!withdrawn.isEmpty()) {
                        return Mono.error(ProblemException.conflict("contact-withdrawn", "以下客户已撤回联系同意，不能邀请或发送资讯："
                                + String.join("、", withdrawn) + " (R-CUS-13: these customers withdrew consent to be contacted; nothing was sent)"));
                    }
                    customers.forEach(c -> Archive.requireTheirRep(caller, c));
                    List<Occasion.Guest> guests = customers.stream().map(c -> new Occasion.Guest(c.id(), c.archiveNo(), c.name(), null, null,
                            null, null)).toList();
                    return Changes.changeExisting(() -> occasions.byId(caller.scope(), site, occasionId), () -> unknown(occasionId), stored -> {
                        Instant now = archive.clock().instant();
                        Occasion after = stored.value().reaching(guests, channel, caller.userId(), now);
                        if (after.guests().size() == stored.value().guests().size()) {
                            return Mono.just(after);
                        }
                        return Changes.written(occasions.save(caller, after, stored.version(), List.of(event(after,
                                after.kind() == Occasion.Kind.NEWS ? "SENT" : "INVITED", customers.stream().map(Customer::id).toList(), caller,
                                now))), after);
                    });
                });
    }

    /** A guest's answer (ACCEPTED, DECLINED) before it starts, or attendance (ATTENDED, ABSENT) once it has. */
    public Mono<Occasion> answer(Caller caller, String site, String occasionId, String customerRef, Occasion.State state) {
        caller.requireOn(site, Role.SALES, Role.ASSISTANT);
        return archive.customer(caller, site, customerRef).flatMap(customer -> Changes.changeExisting(
                () -> occasions.byId(caller.scope(), site, occasionId), () -> unknown(occasionId), stored -> {
                    Instant now = archive.clock().instant();
                    Occasion after = stored.value().answered(customer.id(), state, caller.userId(), now);
                    boolean attendance = state == Occasion.State.ATTENDED || state == Occasion.State.ABSENT;
                    return Changes.written(occasions.save(caller, after, stored.version(), List.of(event(after,
                            attendance ? "ATTENDANCE" : "ANSWERED", List.of(customer.id()), caller, now))), after);
                }));
    }

    public Flux<Occasion> list(Caller caller, String site) {
        Archive.requireReader(caller, site, Role.SALES, Role.ASSISTANT);
        return occasions.of(caller.scope(), site, 200);
    }

    public Mono<Occasion> one(Caller caller, String site, String occasionId) {
        Archive.requireReader(caller, site, Role.SALES, Role.ASSISTANT);
        return occasions.byId(caller.scope(), site, occasionId).map(Stored::value).switchIfEmpty(Mono.error(() -> unknown(occasionId)));
    }

    private static PendingEvent event(Occasion o, String change, List<String> customers, Caller caller, Instant now) {
        return PendingEvent.of(o.siteId(), o.id(), new OccasionUpdated(o.id(), o.siteId(), o.kind().name(), o.title(), o.startsAt(), change,
                customers, (int) o.count(Occasion.State.INVITED, Occasion.State.ACCEPTED, Occasion.State.DECLINED, Occasion.State.ATTENDED,
                Occasion.State.ABSENT), (int) o.count(Occasion.State.ACCEPTED, Occasion.State.ATTENDED), (int) o.count(Occasion.State.ATTENDED),
                (int) o.count(Occasion.State.SENT), caller.userId(), now)).before(Map.of("guests", o.guests().size()))
                .because("R-CUS-11 " + o.title());
    }

    private static ProblemException unknown(String id) {
        return ProblemException.notFound("occasion-unknown", "没有这项活动或资讯 (No tour, event or news " + id + ")");
    }
}
