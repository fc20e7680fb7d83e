package io.anchang.customer.adapter.mongo;

import io.anchang.customer.application.Feedbacks;
import io.anchang.customer.application.Occasions;
import io.anchang.customer.application.Referrals;
import io.anchang.platform.store.Stored;
import io.anchang.customer.application.Surveys;
import io.anchang.customer.domain.relations.Feedback;
import io.anchang.customer.domain.relations.Occasion;
import io.anchang.customer.domain.relations.Referral;
import io.anchang.customer.domain.relations.Survey;
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
import java.util.List;
import java.util.Map;

/** Complaints and suggestions, surveys, occasions and referrals in MongoDB: a collection each. */
public final class MongoRelations {

    public static final String FEEDBACK = "feedback";
    public static final String SURVEYS = "surveys";
    public static final String OCCASIONS = "occasions";
    public static final String REFERRALS = "referrals";

    private MongoRelations() {
    }

    record FeedbackDocument(@Id String id, String siteId, String customerId, String archiveNo, String contact, Feedback.Kind kind,
                            Feedback.Channel channel, String subject, String text, String receivedBy, Instant receivedAt,
                            String assignedTo, Feedback.Status status, List<Feedback.Step> steps, String resolution,
                            String resolvedBy, Instant resolvedAt, Long version) {

        static FeedbackDocument of(Feedback f) {
            return new FeedbackDocument(f.id(), f.siteId(), f.customerId(), f.archiveNo(), f.contact(), f.kind(), f.channel(), f.subject(),
                    f.text(), f.receivedBy(), f.receivedAt(), f.assignedTo(), f.status(), f.steps(), f.resolution(), f.resolvedBy(),
                    f.resolvedAt(), null);
        }

        Feedback feedback() {
            return new Feedback(id, siteId, customerId, archiveNo, contact, kind, channel, subject, text, receivedBy, receivedAt,
                    assignedTo, status, steps, resolution, resolvedBy, resolvedAt);
        }
    }

    record SurveyDocument(@Id String id, String siteId, String customerId, String archiveNo, Survey.Audience audience,
                          Survey.Channel channel, Map<String, Integer> scores, String comments, String surveyedBy, Instant at) {

        static SurveyDocument of(Survey s) {
            Map<String, Integer> scores = new java.util.TreeMap<>();
            s.scores().forEach((topic, score) -> scores.put(topic.name(), score));
            return new SurveyDocument(s.id(), s.siteId(), s.customerId(), s.archiveNo(), s.audience(), s.channel(), scores,
                    s.comments(), s.surveyedBy(), s.at());
        }

        Survey survey() {
            Map<Survey.Topic, Integer> topics = new java.util.EnumMap<>(Survey.Topic.class);
            if (scores != null) {
                scores.forEach((topic, score) -> topics.put(Survey.Topic.valueOf(topic), score));
            }
            return new Survey(id, siteId, customerId, archiveNo, audience, channel, topics, comments, surveyedBy, at);
        }
    }

    record OccasionDocument(@Id String id, String siteId, Occasion.Kind kind, String title, String description, Instant startsAt,
                            String place, List<Occasion.Guest> guests, String createdBy, Instant createdAt, Long version) {

        static OccasionDocument of(Occasion o) {
            return new OccasionDocument(o.id(), o.siteId(), o.kind(), o.title(), o.description(), o.startsAt(), o.place(), o.guests(),
                    o.createdBy(), o.createdAt(), null);
        }

        Occasion occasion() {
            return new Occasion(id, siteId, kind, title, description, startsAt, place, guests, createdBy, createdAt);
        }
    }

    record ReferralDocument(@Id String id, String siteId, Referral.Kind kind, String referrerId, String referrerArchiveNo,
                            String referredId, String referredArchiveNo, String note, String recordedBy, Instant at,
                            Referral.Reward reward, List<String> parties, Long version) {

        static ReferralDocument of(Referral r) {
            return new ReferralDocument(r.id(), r.siteId(), r.kind(), r.referrerId(), r.referrerArchiveNo(), r.referredId(),
                    r.referredArchiveNo(), r.note(), r.recordedBy(), r.at(), r.reward(), List.of(r.referrerId(), r.referredId()), null);
        }

        Referral referral() {
            return new Referral(id, siteId, kind, referrerId, referrerArchiveNo, referredId, referredArchiveNo, note, recordedBy, at,
                    reward);
        }
    }

    public static Feedbacks feedback(ScopedMongo mongo) {
        DocumentStore<FeedbackDocument, Feedback> store = new DocumentStore<>(mongo, FeedbackDocument.class, FEEDBACK,
                FeedbackDocument::feedback, FeedbackDocument::of, d -> DocumentStore.versionOf(d.version()));
        return new Feedbacks() {
            @Override
            public Mono<Stored<Feedback>> byId(SiteScope scope, String site, String feedbackId) {
                return store.byId(scope, site, feedbackId);
            }

            @Override
            public Flux<Feedback> of(SiteScope scope, String site, Feedback.Status status, String customerId, int limit) {
                Criteria criteria = new Criteria();
                if (status != null) {
                    criteria = criteria.and("status").is(status);
                }
                if (customerId != null) {
                    criteria = criteria.and("customerId").is(customerId);
                }
                return store.many(scope, site, criteria, Sort.by(Sort.Direction.DESC, "receivedAt"), limit);
            }

            @Override
            public Mono<Boolean> save(Caller caller, Feedback feedback, long expectedVersion, List<PendingEvent> events) {
                return store.save(caller, feedback, expectedVersion, events);
            }
        };
    }

    public static Surveys surveys(ScopedMongo mongo) {
        DocumentStore<SurveyDocument, Survey> store = new DocumentStore<>(mongo, SurveyDocument.class, SURVEYS, SurveyDocument::survey,
                SurveyDocument::of, d -> 1);
        return new Surveys() {
            @Override
            public Mono<Void> add(Caller caller, Survey survey, List<PendingEvent> events) {
                return store.save(caller, survey, 0, events).then();
            }

            @Override
            public Flux<Survey> between(SiteScope scope, String site, Instant from, Instant to, String customerId, int limit) {
                Criteria criteria = Criteria.where("at").gte(from).lt(to);
                if (customerId != null) {
                    criteria = criteria.and("customerId").is(customerId);
                }
                return store.many(scope, site, criteria, Sort.by(Sort.Direction.DESC, "at"), limit);
            }
        };
    }

    public static Occasions occasions(ScopedMongo mongo) {
        DocumentStore<OccasionDocument, Occasion> store = new DocumentStore<>(mongo, OccasionDocument.class, OCCASIONS,
                OccasionDocument::occasion, OccasionDocument::of, d -> DocumentStore.versionOf(d.version()));
        return new Occasions() {
            @Override
            public Mono<Stored<Occasion>> byId(SiteScope scope, String site, String occasionId) {
                return store.byId(scope, site, occasionId);
            }

            @Override
            public Flux<Occasion> of(SiteScope scope, String site, int limit) {
                return store.many(scope, site, new Criteria(), Sort.by(Sort.Direction.DESC, "createdAt"), limit);
            }

            @Override
            public Mono<Boolean> save(Caller caller, Occasion occasion, long expectedVersion, List<PendingEvent> events) {
                return store.save(caller, occasion, expectedVersion, events);
            }
        };
    }

    public static Referrals referrals(ScopedMongo mongo) {
        DocumentStore<ReferralDocument, Referral> store = new DocumentStore<>(mongo, ReferralDocument.class, REFERRALS,
                ReferralDocument::referral, ReferralDocument::of, d -> DocumentStore.versionOf(d.version()));
        return new Referrals() {
            @Override
            public Mono<Stored<Referral>> byId(SiteScope scope, String site, String referralId) {
                return store.byId(scope, site, referralId);
            }

            @Override
            public Flux<Referral> of(SiteScope scope, String site, String customerId, Referral.RewardState state,
                                     Referral.RewardKind rewardKind, int limit) {
                Criteria criteria = customerId == null ? new Criteria() : Criteria.where("parties").is(customerId);
                if (state != null) {
                    criteria = criteria.and("reward.state").is(state);
                }
                if (rewardKind != null) {
                    criteria = criteria.and("reward.kind").is(rewardKind);
                }
                return store.many(scope, site, criteria, Sort.by(Sort.Direction.DESC, "at"), limit);
            }

            @Override
            public Mono<Boolean> save(Caller caller, Referral referral, long expectedVersion, List<PendingEvent> events) {
                return store.save(caller, referral, expectedVersion, events);
            }
        };
    }
}
