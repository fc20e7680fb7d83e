package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.relations.Feedback;
import io.anchang.platform.events.customer.FeedbackProgressed;
import io.anchang.platform.events.customer.FeedbackReceived;
import io.anchang.platform.events.customer.FeedbackResolved;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.StaffMember;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * R-CUS-9 (制度2 二5): complaints and suggestions by phone, in writing or in person, kept open until resolved. Anyone of
 * the site's sales staff or the ASSISTANT takes one down; a SUPERVISOR or the MANAGER hands it to someone; the person
 * it is with or a SUPERVISOR notes each step; a SUPERVISOR or the MANAGER resolves it.
 */
public class HandlingFeedback {

    private final Archive archive;
    private final Feedbacks feedbacks;

    public HandlingFeedback(Archive archive, Feedbacks feedbacks) {
        this.archive = archive;
        this.feedbacks = feedbacks;
    }

    public Mono<Feedback> receive(Caller caller, String site, String customerRef, String contact, Feedback.Kind kind,
                                  Feedback.Channel channel, String subject, String text, String assignTo) {
        caller.requireOn(site, Role.SALES, Role.ASSISTANT);
        Mono<java.util.Optional<io.anchang.customer.domain.Customer>> customer = customerRef == null || customerRef.isBlank()
                ? Mono.just(java.util.Optional.empty()) : archive.customer(caller, site, customerRef).map(java.util.Optional::of);
        return Mono.zip(customer, archive.rules(caller, site)).flatMap(found -> {
            if (assignTo != null) {
                requireStaff(found.getT2(), assignTo);
            }
            var c = found.getT1();
            Instant now = archive.clock().instant();
            Feedback feedback = Feedback.receive(UUID.randomUUID().toString(), site, c.map(x -> x.id()).orElse(null),
                    c.map(x -> x.archiveNo()).orElse(null), contact, kind, channel, subject, text, assignTo, caller.userId(), now);
            PendingEvent event = PendingEvent.of(site, feedback.id(), new FeedbackReceived(feedback.id(), site, feedback.customerId(),
                    feedback.archiveNo(), kind.name(), channel.name(), feedback.subject(), caller.userId(), assignTo, now))
                    .because("R-CUS-9 " + (kind == Feedback.Kind.COMPLAINT ? "投诉" : "建议"));
            return Changes.written(feedbacks.save(caller, feedback, 0, List.of(event)), feedback);
        });
    }

    public Mono<Feedback> progress(Caller caller, String site, String feedbackId, String note, String handTo) {
        caller.requireOn(site, Role.SALES, Role.ASSISTANT);
        return archive.rules(caller, site).flatMap(rules -> Changes.changeExisting(() -> feedbacks.byId(caller.scope(), site, feedbackId),
                () -> unknown(feedbackId), stored -> {
                    Feedback before = stored.value();
                    if (!caller.has(Role.SUPERVISOR) && !caller.userId().equals(before.assignedTo())) {
                        return Mono.error(ProblemException.forbidden("feedback-not-yours", "这条记录交由 " + before.assignedTo()
                                + " 处理；销售主任或销售经理可以转交 (It is with someone else; a SUPERVISOR or the MANAGER hands it on)"));
                    }
                    if (handTo != null) {
                        requireStaff(rules, handTo);
                    }
                    Instant now = archive.clock().instant();
                    Feedback after = before.progressed(note, handTo, caller.userId(), now);
                    PendingEvent event = PendingEvent.of(site, after.id(), new FeedbackProgressed(after.id(), site, after.kind().name(),
                            after.status().name(), after.assignedTo(), note, caller.userId(), now)).before(before.status().name())
                            .because("R-CUS-9 处理进展");
                    return Changes.written(feedbacks.save(caller, after, stored.version(), List.of(event)), after);
                }));
    }

    public Mono<Feedback> resolve(Caller caller, String site, String feedbackId, String resolution) {
        caller.requireOn(site, Role.SUPERVISOR);
        return Changes.changeExisting(() -> feedbacks.byId(caller.scope(), site, feedbackId), () -> unknown(feedbackId), stored -> {
            Feedback before = stored.value();
            Instant now = archive.clock().instant();
            Feedback after = before.resolved(resolution, caller.userId(), now);
            PendingEvent event = PendingEvent.of(site, after.id(), new FeedbackResolved(after.id(), site, after.customerId(),
                    after.archiveNo(), after.kind().name(), after.channel().name(), after.resolution(), caller.userId(), after.receivedAt(),
                    now)).before(before.status().name()).because("R-CUS-9 办结");
            return Changes.written(feedbacks.save(caller, after, stored.version(), List.of(event)), after);
        });
    }

    /** The longest list one answer holds; a longer one says it was cut. */
    public static final int MAX_LIST = 500;

    public Mono<Capped<Feedback>> list(Caller caller, String site, Feedback.Status status, String customerRef) {
        Archive.requireReader(caller, site, Role.SALES, Role.ASSISTANT);
        if (customerRef == null || customerRef.isBlank()) {
            return Capped.of(feedbacks.of(caller.scope(), site, status, null, MAX_LIST + 1), MAX_LIST);
        }
        return archive.customer(caller, site, customerRef)
                .flatMap(c -> Capped.of(feedbacks.of(caller.scope(), site, status, c.id(), MAX_LIST + 1), MAX_LIST));
    }

    public Mono<Feedback> one(Caller caller, String site, String feedbackId) {
        Archive.requireReader(caller, site, Role.SALES, Role.ASSISTANT);
        return feedbacks.byId(caller.scope(), site, feedbackId).map(Stored::value).switchIfEmpty(Mono.error(() -> unknown(feedbackId)));
    }

    static void requireStaff(SiteRules rules, String userId) {
        if (rules.profile() != null && rules.profile().member(userId).filter(StaffMember::active).isEmpty()) {
            throw ProblemException.invalid("staff-unknown", userId + " 不在案场 " + rules.site() + " 的员工名单中 (" + userId
                    + " is not on the staff of site " + rules.site() + ")");
        }
    }

    private static ProblemException unknown(String id) {
        return ProblemException.notFound("feedback-unknown", "没有这条投诉或建议 (No complaint or suggestion " + id + ")");
    }
}
