package io.anchang.platform.testapp;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.EventEnvelope;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.messaging.MalformedEventException;
import io.anchang.platform.messaging.TypedEventHandler;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.AccessRules;
import io.anchang.platform.security.SiteScope;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal service on the platform, for the platform's own integration tests: a
 * {@code counters} aggregate whose changes raise {@link Counted} events on
 * {@value #TOPIC}, and a consumer that tallies them per aggregate — deliberately not
 * conditional ({@code $inc}), so that applying an event twice shows.
 */
@SpringBootApplication
public class TestApp {

    public static final String TOPIC = "anchang.platformtest.v1";

    @EventContract(type = "test.counted", version = 1, topic = TOPIC)
    public record Counted(String counterId, int seq) {
    }

    /** A counter aggregate as stored. */
    public record Counter(String id, String siteId, int value) {
    }

    /** Counters whose events fail with a passing store error this many more times, then apply. */
    public static final Map<String, AtomicInteger> FLAKY = new ConcurrentHashMap<>();

    /** Counters whose events this version refuses as invalid (a bug to be fixed): they are poison until removed. */
    public static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

    /** A route only an ADMIN may call, refused by the security chain itself (its {@code forbidden}). */
    @Bean
    AccessRules adminOnlyPath() {
        return exchanges -> exchanges.pathMatchers("/api/test/sites/*/admin-only/**").hasRole("ADMIN");
    }

    @Bean
    EventHandler tally(ScopedMongo mongo, JsonMapper mapper) {
        return new TypedEventHandler<>(Counted.class, mapper) {
            @Override
            public String name() {
                return "platformtest.tally";
            }

            @Override
            protected Mono<Void> handle(EventEnvelope envelope, Counted payload) {
                if (REFUSED.contains(payload.counterId())) {
                    throw new MalformedEventException("this version cannot apply counter " + payload.counterId(), null);
                }
                AtomicInteger failures = FLAKY.get(payload.counterId());
                if (failures != null && failures.getAndDecrement() > 0) {
                    return Mono.error(new DataAccessResourceFailureException("the store is away (" + payload.counterId() + ")"));
                }
                return mongo.update(SiteScope.system(),
                        Query.query(Criteria.where("_id").is(payload.counterId()).and("siteId").is(envelope.siteId())),
                        new Update().inc("applied", 1).push("seen", payload.seq()), "tallies", true).then();
            }
        };
    }
}
