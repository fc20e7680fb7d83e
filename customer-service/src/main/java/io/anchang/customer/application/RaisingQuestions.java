package io.anchang.customer.application;

import io.anchang.customer.domain.tracking.Question;
import io.anchang.platform.events.customer.QuestionRaised;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * R-CUS-5 (policy 四3, 二5(4)): a rep flags a customer's objection (抗性) or a question they cannot answer for the MANAGER,
 * who analyses it with them and answers. The rep sees their own; the MANAGER every open one.
 */
public class RaisingQuestions {

    private final Archive archive;
    private final Questions questions;

    public RaisingQuestions(Archive archive, Questions questions) {
        this.archive = archive;
        this.questions = questions;
    }

    public Mono<Question> raise(Caller caller, String site, String customerRef, Question.Kind kind, String text) {
        caller.requireOn(site, Role.SALES);
        return archive.customer(caller, site, customerRef).flatMap(customer -> {
            Archive.requireTheirRep(caller, customer);
            Instant now = archive.clock().instant();
            Question question = Question.raise(UUID.randomUUID().toString(), site, customer.id(), customer.archiveNo(), kind, text,
                    caller.userId(), now);
            return Changes.written(questions.save(caller, question, 0, List.of(event(question, caller, now))), question);
        });
    }

    public Mono<Question> answer(Caller caller, String site, String questionId, String answer) {
        caller.requireOn(site, Role.MANAGER);
        return Changes.changeExisting(() -> questions.byId(caller.scope(), site, questionId),
                () -> ProblemException.notFound("question-unknown", "没有这个问题 (No question " + questionId + ")"), stored -> {
                    Instant now = archive.clock().instant();
                    Question after = stored.value().answered(answer, caller.userId(), now);
                    return Changes.written(questions.save(caller, after, stored.version(), List.of(event(after, caller, now)
                            .before("OPEN"))), after);
                });
    }

    /** The MANAGER's open questions (or all with {@code openOnly} false); a rep's own. */
    public Mono<Capped<Question>> list(Caller caller, String site, boolean openOnly, String customerRef) {
        Archive.requireReader(caller, site, Role.SALES);
        String raisedBy = caller.has(Role.SUPERVISOR) ? null : caller.userId();
        if (customerRef == null || customerRef.isBlank()) {
            return Capped.of(questions.of(caller.scope(), site, openOnly, null, raisedBy, MAX_LIST + 1), MAX_LIST);
        }
        return archive.customer(caller, site, customerRef)
                .flatMap(c -> Capped.of(questions.of(caller.scope(), site, openOnly, c.id(), raisedBy, MAX_LIST + 1), MAX_LIST));
    }

    /** The longest list one answer holds; a longer one says it was cut. */
    public static final int MAX_LIST = 500;

    private static PendingEvent event(Question q, Caller caller, Instant now) {
        return PendingEvent.of(q.siteId(), q.id(), new QuestionRaised(q.id(), q.siteId(), q.customerId(), q.archiveNo(), q.kind().name(),
                q.open() ? "OPEN" : "ANSWERED", q.raisedBy(), q.answeredBy(), now)).because("R-CUS-5 " + (q.kind() == Question.Kind.OBJECTION
                ? "客户抗性" : "疑难问题") + "提请销售经理");
    }
}
