package io.anchang.platform.config;

import io.anchang.platform.audit.AuditController;
import io.anchang.platform.audit.AuditKey;
import io.anchang.platform.audit.AuditProperties;
import io.anchang.platform.audit.RefusalSummaries;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.audit.RefusalAuditor;
import io.anchang.platform.messaging.ConsumedEvents;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.messaging.KafkaConfiguration;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.OutboxEntries;
import io.anchang.platform.outbox.OutboxProperties;
import io.anchang.platform.outbox.OutboxRelay;
import io.anchang.platform.outbox.ParkedEvents;
import io.anchang.platform.outbox.ParkedEventsController;
import io.anchang.platform.outbox.RelayLease;
import io.anchang.platform.messaging.TopicProvisioner;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import io.anchang.platform.sitedirectory.SiteProfileCopyHandler;
import io.anchang.platform.sitedirectory.SiteProfileController;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * A service with MongoDB and Kafka gets: site-scoped store access, the outbox and its
 * relay, the audit trail, idempotent consumers, and the local copy of the site directory.
 */
@AutoConfiguration(after = {DataMongoReactiveAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnClass({ReactiveMongoTemplate.class, KafkaTemplate.class})
@EnableConfigurationProperties({OutboxProperties.class, AuditProperties.class})
@Import(KafkaConfiguration.class)
public class PlatformMongoConfiguration {

    @Bean
    AuditTrail auditTrail(ReactiveMongoTemplate template, AuditProperties audit, Environment environment, Clock clock) {
        AuditKey key = AuditKey.configured(audit.key(), Set.of(environment.getActiveProfiles()));
        return new AuditTrail(template, key, clock, audit.limits());
    }

    /** R-SEC-4: refused attempts beyond those written in full are summarised once their window has passed. */
    @Bean
    RefusalSummaries refusalSummaries(AuditTrail trail) {
        return new RefusalSummaries(trail.refusals(), Duration.ofSeconds(10));
    }

    /** R-SEC-4: every 403 given to a signed-in caller goes to a trail (the refusal answers wait for it). */
    @Bean
    RefusalAuditor refusalAuditor(AuditTrail trail, Clock clock) {
        return new RefusalAuditor(trail, clock);
    }

    @Bean
    SmartInitializingSingleton auditTrailIndexes(AuditTrail trail) {
        return () -> trail.prepare().onErrorResume(e -> reactor.core.publisher.Mono.empty()).block(Duration.ofSeconds(30));
    }

    @Bean
    AuditController auditController(AuditTrail trail) {
        return new AuditController(trail);
    }

    @Bean
    OutboxEntries outboxEntries(JsonMapper mapper, Clock clock) {
        return new OutboxEntries(mapper, clock);
    }

    @Bean
    OutboxRelay outboxRelay(ReactiveMongoTemplate template, KafkaTemplate<String, String> kafka, AuditTrail audit,
                            KafkaAdmin admin, OutboxProperties properties, Clock clock, MeterRegistry meters) {
        return new OutboxRelay(template, kafka, audit, new TopicProvisioner(admin), properties,
                new RelayLease(template, clock, Duration.ofSeconds(15)), meters);
    }

    @Bean
    ParkedEvents parkedEvents(ReactiveMongoTemplate template, OutboxRelay relay, AuditTrail audit, Clock clock) {
        return new ParkedEvents(template, relay, audit, clock);
    }

    @Bean
    ParkedEventsController parkedEventsController(ParkedEvents parked) {
        return new ParkedEventsController(parked);
    }

    /** Outbox events the broker refused for good (parked, see {@link OutboxRelay}); never DOWN for them. */
    @Bean
    HealthIndicator outboxHealthIndicator(OutboxRelay relay) {
        return () -> Health.up().withDetail("parked", relay.parked()).build();
    }

    @Bean
    ScopedMongo scopedMongo(ReactiveMongoTemplate template, OutboxEntries entries, OutboxRelay relay) {
        return new ScopedMongo(template, entries, relay);
    }

    @Bean
    ConsumedEvents consumedEvents(ReactiveMongoTemplate template) {
        return new ConsumedEvents(template);
    }

    /** Every service but reception-service, which owns the directory, keeps a local copy of it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "anchang.site-directory.local-copy", havingValue = "true", matchIfMissing = true)
    static class LocalCopy {

        @Bean
        LocalSiteDirectory localSiteDirectory(ScopedMongo mongo, JsonMapper mapper) {
            return new LocalSiteDirectory(mongo, mapper);
        }

        @Bean
        EventHandler siteProfileCopyHandler(LocalSiteDirectory directory, JsonMapper mapper) {
            return new SiteProfileCopyHandler(directory, mapper);
        }

        @Bean
        @ConditionalOnBean(LocalSiteDirectory.class)
        SiteProfileController siteProfileController(LocalSiteDirectory directory) {
            return new SiteProfileController(directory);
        }
    }
}
