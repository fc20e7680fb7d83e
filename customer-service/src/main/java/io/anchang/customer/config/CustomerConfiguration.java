package io.anchang.customer.config;

import io.anchang.customer.adapter.kafka.DeskEventHandlers;
import io.anchang.customer.adapter.mongo.MongoCustomers;
import io.anchang.customer.adapter.mongo.MongoDraws;
import io.anchang.customer.application.AttributingVisits;
import io.anchang.customer.application.Customers;
import io.anchang.customer.application.Draws;
import io.anchang.customer.application.FindingEarlierRep;
import io.anchang.customer.application.FixingDealCredit;
import io.anchang.customer.application.FollowingUp;
import io.anchang.customer.application.ReadingCustomers;
import io.anchang.customer.application.Redistributing;
import io.anchang.customer.application.SettlingDisputes;
import io.anchang.customer.application.VerifyingComplaints;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class CustomerConfiguration {

    @Bean
    Customers customers(ScopedMongo mongo) {
        return new MongoCustomers(mongo);
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
    ReadingCustomers readingCustomers(Customers customers, AttributingVisits attributing, Clock clock) {
        return new ReadingCustomers(customers, attributing, clock);
    }

    @Bean
    FollowingUp followingUp(Customers customers, Clock clock) {
        return new FollowingUp(customers, clock);
    }

    @Bean
    FindingEarlierRep findingEarlierRep(Customers customers, AttributingVisits attributing, Clock clock) {
        return new FindingEarlierRep(customers, attributing, clock);
    }

    @Bean
    VerifyingComplaints verifyingComplaints(Customers customers, Clock clock) {
        return new VerifyingComplaints(customers, clock);
    }

    @Bean
    SettlingDisputes settlingDisputes(Customers customers, Clock clock, AttributingVisits attributing) {
        return new SettlingDisputes(customers, clock, attributing);
    }

    @Bean
    Redistributing redistributing(Customers customers, Draws draws, Clock clock, AttributingVisits attributing) {
        return new Redistributing(customers, draws, clock, attributing);
    }

    @Bean
    FixingDealCredit fixingDealCredit(Customers customers, AttributingVisits attributing) {
        return new FixingDealCredit(customers, attributing);
    }

    @Bean
    DeskEventHandlers.VisitRegisteredHandler visitRegisteredHandler(AttributingVisits attributing, JsonMapper mapper) {
        return new DeskEventHandlers.VisitRegisteredHandler(attributing, mapper);
    }

    @Bean
    DeskEventHandlers.CallRegisteredHandler callRegisteredHandler(AttributingVisits attributing, JsonMapper mapper) {
        return new DeskEventHandlers.CallRegisteredHandler(attributing, mapper);
    }

    @Bean
    DeskEventHandlers.VisitServedHandler visitServedHandler(AttributingVisits attributing, JsonMapper mapper) {
        return new DeskEventHandlers.VisitServedHandler(attributing, mapper);
    }

    @Bean
    DeskEventHandlers.BigDepositSignedHandler bigDepositSignedHandler(FixingDealCredit fixing, JsonMapper mapper) {
        return new DeskEventHandlers.BigDepositSignedHandler(fixing, mapper);
    }
}
