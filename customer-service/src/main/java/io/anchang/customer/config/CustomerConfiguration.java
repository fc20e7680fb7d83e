package io.anchang.customer.config;

import io.anchang.customer.adapter.kafka.DeskEventHandlers;
import io.anchang.customer.adapter.web.ReceptionIdentity;
import io.anchang.customer.adapter.mongo.MongoCustomers;
import io.anchang.customer.adapter.mongo.MongoDraws;
import io.anchang.customer.application.AddingPhones;
import io.anchang.customer.application.AttributingVisits;
import io.anchang.customer.application.Customers;
import io.anchang.customer.application.Draws;
import io.anchang.customer.application.FindingEarlierRep;
import io.anchang.customer.application.FixingDealCredit;
import io.anchang.customer.application.FollowingUp;
import io.anchang.customer.application.MergingCustomers;
import io.anchang.customer.application.ReadingCustomers;
import io.anchang.customer.application.Redistributing;
import io.anchang.customer.application.RevealingPhones;
import io.anchang.customer.application.SettlingDisputes;
import io.anchang.customer.application.VerifyingComplaints;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.phone.PhoneKey;
import io.anchang.platform.security.AccessRules;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import reactor.core.publisher.Flux;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CustomerConfiguration.PhoneProperties.class)
public class CustomerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CustomerConfiguration.class);

    /** The development key: a local office or a test without a key of its own; never production. */
    static final String DEVELOPMENT_PHONE_KEY = "anchang-development-phone-key-not-for-production";

    /**
     * R-SEC-3: the secret of the phones' keyed hash ({@code ANCHANG_PHONE_KEY}), by which the archive finds a customer by
     * phone. It must stay the same for the life of the archive: another key finds none of the phones stored before.
     */
    @ConfigurationProperties("anchang.customer.phone")
    public record PhoneProperties(String key) {
    }

    @Bean
    PhoneKey phoneKey(PhoneProperties properties) {
        if (properties.key() == null || properties.key().isBlank()) {
            log.warn("ANCHANG_PHONE_KEY is not set: phones are hashed with the development key — for a local office or a test only; "
                    + "a deployment sets a secret of its own and keeps it (R-SEC-3)");
            return PhoneKey.of(DEVELOPMENT_PHONE_KEY);
        }
        return PhoneKey.of(properties.key());
    }

    /** R-SEC-1: the paths for other services answer reception-service's own identity only, before any body is read. */
    @Bean
    AccessRules serviceOnlyPaths() {
        return exchanges -> exchanges.pathMatchers(ReceptionIdentity.PATHS).access(ReceptionIdentity.ONLY);
    }

    /** R-CUS-3: merges, over the store as it is; use cases read through its survivors ({@link #customers}). */
    @Bean
    MergingCustomers mergingCustomers(ScopedMongo mongo, PhoneKey key, LocalSiteDirectory directory, Clock clock) {
        return new MergingCustomers(new MongoCustomers(mongo, key), directory, clock);
    }

    /** R-SEC-3: a customer's full numbers, audited. */
    @Bean
    RevealingPhones revealingPhones(Customers customers, AuditTrail audit, Clock clock) {
        return new RevealingPhones(customers, audit, clock);
    }

    @Bean
    Customers customers(MergingCustomers merging) {
        return merging.survivors();
    }

    /**
     * R-CUS-3: one phone, one customer of the site — the store refuses a second, whoever writes first. And the lookups of
     * flow 1 by an index, not a scan of the archive (issue 17): a customer by a phone's keyed hash (every walk-in and call)
     * and by a visit (every change the desk reports).
     */
    @Bean
    SmartInitializingSingleton customerIndexes(ReactiveMongoTemplate template) {
        return () -> Flux.fromIterable(MongoCustomers.INDEXES).concatMap(index -> template.indexOps(MongoCustomers.COLLECTION).createIndex(index))
                .then().block(Duration.ofSeconds(30));
    }

    /** R-CUS-3: merges a crash interrupted are finished once the service is up (and by any lookup before that). */
    @Bean
    ApplicationListener<ApplicationReadyEvent> interruptedMerges(MergingCustomers merging) {
        return ready -> merging.recover().subscribe(finished -> { }, e -> log.warn("could not look for interrupted merges: {}", e.toString()));
    }

    @Bean
    AddingPhones addingPhones(Customers customers, Clock clock) {
        return new AddingPhones(customers, clock);
    }

    @Bean
    Draws draws(ScopedMongo mongo) {
        return new MongoDraws(mongo);
    }

    @Bean
    AttributingVisits attributingVisits(Customers customers, LocalSiteDirectory directory) {
        return new AttributingVisits(customers, directory);
    }

    @Bean
    ReadingCustomers readingCustomers(Customers customers, LocalSiteDirectory directory, Clock clock) {
        return new ReadingCustomers(customers, directory, clock);
    }

    @Bean
    FollowingUp followingUp(Customers customers, Clock clock) {
        return new FollowingUp(customers, clock);
    }

    @Bean
    FindingEarlierRep findingEarlierRep(Customers customers, LocalSiteDirectory directory, Clock clock) {
        return new FindingEarlierRep(customers, directory, clock);
    }

    @Bean
    VerifyingComplaints verifyingComplaints(Customers customers, Clock clock) {
        return new VerifyingComplaints(customers, clock);
    }

    @Bean
    SettlingDisputes settlingDisputes(Customers customers, Clock clock, LocalSiteDirectory directory) {
        return new SettlingDisputes(customers, clock, directory);
    }

    @Bean
    Redistributing redistributing(Customers customers, Draws draws, Clock clock, LocalSiteDirectory directory) {
        return new Redistributing(customers, draws, clock, directory);
    }

    @Bean
    FixingDealCredit fixingDealCredit(Customers customers, LocalSiteDirectory directory) {
        return new FixingDealCredit(customers, directory);
    }

    @Bean
    EventHandler visitRegisteredHandler(AttributingVisits attributing, JsonMapper mapper) {
        return DeskEventHandlers.visitRegistered(attributing, mapper);
    }

    @Bean
    EventHandler visitServedHandler(AttributingVisits attributing, JsonMapper mapper) {
        return DeskEventHandlers.visitServed(attributing, mapper);
    }

    @Bean
    EventHandler customerLeftHandler(AttributingVisits attributing, JsonMapper mapper) {
        return DeskEventHandlers.customerLeft(attributing, mapper);
    }

    @Bean
    EventHandler bigDepositSignedHandler(FixingDealCredit fixing, JsonMapper mapper) {
        return DeskEventHandlers.bigDepositSigned(fixing, mapper);
    }
}
