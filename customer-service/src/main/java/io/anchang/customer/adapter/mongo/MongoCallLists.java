package io.anchang.customer.adapter.mongo;

import io.anchang.customer.application.CallLists;
import io.anchang.customer.application.Questions;
import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.calls.CallList;
import io.anchang.customer.domain.tracking.Question;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The MANAGER's call lists (the day as text) and the questions taken to the MANAGER, in MongoDB. */
public final class MongoCallLists {

    public static final String CALL_LISTS = "call_lists";
    public static final String QUESTIONS = "questions";

    private MongoCallLists() {
    }

    record CallListDocument(@Id String id, String siteId, String day, CallList.Purpose purpose, List<CallList.Entry> entries,
                            String createdBy, Instant createdAt, Long version) {

        static CallListDocument of(CallList c) {
            return new CallListDocument(c.id(), c.siteId(), c.day().toString(), c.purpose(), c.entries(), c.createdBy(), c.createdAt(), null);
        }

        CallList list() {
            return new CallList(id, siteId, LocalDate.parse(day), purpose, entries, createdBy, createdAt);
        }
    }

    record QuestionDocument(@Id String id, String siteId, String customerId, String archiveNo, Question.Kind kind, String text,
                            String raisedBy, Instant raisedAt, String answer, String answeredBy, Instant answeredAt, boolean open,
                            Long version) {

        static QuestionDocument of(Question q) {
            return new QuestionDocument(q.id(), q.siteId(), q.customerId(), q.archiveNo(), q.kind(), q.text(), q.raisedBy(), q.raisedAt(),
                    q.answer(), q.answeredBy(), q.answeredAt(), q.open(), null);
        }

        Question question() {
            return new Question(id, siteId, customerId, archiveNo, kind, text, raisedBy, raisedAt, answer, answeredBy, answeredAt);
        }
    }

    public static CallLists callLists(ScopedMongo mongo) {
        DocumentStore<CallListDocument, CallList> store = new DocumentStore<>(mongo, CallListDocument.class, CALL_LISTS,
                CallListDocument::list, CallListDocument::of, d -> DocumentStore.versionOf(d.version()));
        return new CallLists() {
            @Override
            public Mono<Stored<CallList>> byId(SiteScope scope, String site, String listId) {
                return store.byId(scope, site, listId);
            }

            @Override
            public Flux<CallList> ofDay(SiteScope scope, String site, LocalDate day) {
                return store.many(scope, site, Criteria.where("day").is(day.toString()), Sort.by("purpose"), 0);
            }

            @Override
            public Mono<Boolean> save(Caller caller, CallList list, long expectedVersion, List<PendingEvent> events) {
                return store.save(caller, list, expectedVersion, events);
            }
        };
    }

    public static Questions questions(ScopedMongo mongo) {
        DocumentStore<QuestionDocument, Question> store = new DocumentStore<>(mongo, QuestionDocument.class, QUESTIONS,
                QuestionDocument::question, QuestionDocument::of, d -> DocumentStore.versionOf(d.version()));
        return new Questions() {
            @Override
            public Mono<Stored<Question>> byId(SiteScope scope, String site, String questionId) {
                return store.byId(scope, site, questionId);
            }

            @Override
            public Flux<Question> of(SiteScope scope, String site, boolean openOnly, String customerId, String raisedBy, int limit) {
                Criteria criteria = new Criteria();
                if (openOnly) {
                    criteria = criteria.and("open").is(true);
                }
                if (customerId != null) {
                    criteria = criteria.and("customerId").is(customerId);
                }
                if (raisedBy != null) {
                    criteria = criteria.and("raisedBy").is(raisedBy);
                }
                return store.many(scope, site, criteria, Sort.by(Sort.Direction.DESC, "raisedAt"), limit);
            }

            @Override
            public Mono<Boolean> save(Caller caller, Question question, long expectedVersion, List<PendingEvent> events) {
                return store.save(caller, question, expectedVersion, events);
            }
        };
    }
}
