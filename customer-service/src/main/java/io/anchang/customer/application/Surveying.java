package io.anchang.customer.application;

import io.anchang.customer.domain.relations.Survey;
import io.anchang.platform.events.customer.SurveyScored;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * R-CUS-10 (制度2 二6): satisfaction surveys of customers and owners by letter or phone, their scores kept; the summary
 * of a period for the SUPERVISOR and MANAGER. A customer who withdrew consent to be contacted is not surveyed (R-CUS-13).
 */
public class Surveying {

    /** The longest period one summary covers. */
    static final Duration LONGEST = Duration.ofDays(366);

    private final Archive archive;
    private final Surveys surveys;

    public Surveying(Archive archive, Surveys surveys) {
        this.archive = archive;
        this.surveys = surveys;
    }

    /**
     * The scores of a period.
     *
     * @param averages per topic, 2 decimals
     */
    public record Summary(Instant from, Instant to, int surveys, Map<Survey.Topic, BigDecimal> averages, Map<Survey.Audience, Integer> byAudience) {
    }

    public Mono<Survey> score(Caller caller, String site, String customerRef, Survey.Audience audience, Survey.Channel channel,
                              Map<Survey.Topic, Integer> scores, String comments) {
        caller.requireOn(site, Role.SALES, Role.ASSISTANT);
        return archive.customer(caller, site, customerRef).flatMap(customer -> archive.requireContactAllowed(caller, site, customer)
                .then(Mono.defer(() -> {
                    Instant now = archive.clock().instant();
                    Survey survey = Survey.score(UUID.randomUUID().toString(), site, customer.id(), customer.archiveNo(), audience, channel,
                            scores, comments, caller.userId(), now);
                    Map<String, Integer> named = new TreeMap<>();
                    survey.scores().forEach((topic, score) -> named.put(topic.name(), score));
                    PendingEvent event = PendingEvent.of(site, survey.id(), new SurveyScored(survey.id(), site, customer.id(), customer.archiveNo(),
                            audience.name(), channel.name(), named, survey.average(), caller.userId(), now)).because("R-CUS-10 满意度调查");
                    return surveys.add(caller, survey, List.of(event)).thenReturn(survey);
                })));
    }

    public Flux<Survey> list(Caller caller, String site, Instant from, Instant to, String customerRef) {
        Archive.requireReader(caller, site, Role.SALES, Role.ASSISTANT);
        Instant[] period = period(from, to);
        if (customerRef == null || customerRef.isBlank()) {
            return surveys.between(caller.scope(), site, period[0], period[1], null, 1000);
        }
        return archive.customer(caller, site, customerRef).flatMapMany(c -> surveys.between(caller.scope(), site, period[0], period[1], c.id(), 1000));
    }

    public Mono<Summary> summary(Caller caller, String site, Instant from, Instant to) {
        Archive.requireReader(caller, site, Role.SUPERVISOR, Role.HEAD_OFFICE);
        Instant[] period = period(from, to);
        return surveys.between(caller.scope(), site, period[0], period[1], null, 0).collectList().map(all -> {
            Map<Survey.Topic, int[]> sums = new EnumMap<>(Survey.Topic.class);
            Map<Survey.Audience, Integer> audiences = new EnumMap<>(Survey.Audience.class);
            for (Survey s : all) {
                s.scores().forEach((topic, score) -> {
                    int[] sum = sums.computeIfAbsent(topic, t -> new int[2]);
                    sum[0] += score;
                    sum[1]++;
                });
                audiences.merge(s.audience(), 1, Integer::sum);
            }
            Map<Survey.Topic, BigDecimal> averages = new EnumMap<>(Survey.Topic.class);
            sums.forEach((topic, sum) -> averages.put(topic, BigDecimal.valueOf(sum[0]).divide(BigDecimal.valueOf(sum[1]), 2, RoundingMode.HALF_UP)));
            return new Summary(period[0], period[1], all.size(), averages, audiences);
        });
    }

    private Instant[] period(Instant from, Instant to) {
        Instant end = to != null ? to : archive.clock().instant().plusSeconds(1);
        Instant start = from != null ? from : end.minus(Duration.ofDays(30));
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw ProblemException.invalid("period-invalid", "查询区间须向前且不超过一年 (The period runs forward and spans at most a year)");
        }
        return new Instant[]{start, end};
    }
}
