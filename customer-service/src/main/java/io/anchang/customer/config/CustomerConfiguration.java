package io.anchang.customer.config;

import io.anchang.customer.adapter.kafka.DeskEventHandlers;
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
import io.anchang.customer.application.SettlingDisputes;
import io.anchang.customer.application.VerifyingComplaints;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
public class CustomerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CustomerConfiguration.class);

    /** R-CUS-3: merges, over the store as it is; use cases read through its survivors ({@link #customers}). */
    @Bean
    MergingCustomers mergingCustomers(ScopedMongo mongo, LocalSiteDirectory directory, Clock clock) {
        return new MergingCustomers(new MongoCustomers(mongo), directory, clock);
    }

    @Bean
    Customers customers(MergingCustomers merging) {
        return merging.survivors();
    }

    /** R-CUS-3: one phone, one customer of the site — the store refuses a second, whoever writes first. */
    @Bean
    SmartInitializingSingleton customerIndexes(ReactiveMongoTemplate template) {
        return () -> template.indexOps(MongoCustomers.COLLECTION).createIndex(MongoCustomers.PHONES_UNIQUE).block(Duration.ofSeconds(30));
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
    EventHandler callRegisteredHandler(AttributingVisits attributing, JsonMapper mapper) {
        return DeskEventHandlers.callRegistered(attributing, mapper);
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
