package io.anchang.customer.config;

import io.anchang.customer.adapter.kafka.ArchiveEventHandlers;
import io.anchang.customer.adapter.kafka.CardEventHandlers;
import io.anchang.customer.adapter.mongo.MongoArchiveListing;
import io.anchang.customer.adapter.mongo.MongoCustomerCards;
import io.anchang.customer.adapter.mongo.MongoCallLists;
import io.anchang.customer.adapter.mongo.MongoArchiveIndex;
import io.anchang.customer.adapter.mongo.MongoCareProfiles;
import io.anchang.customer.adapter.mongo.MongoImportJobs;
import io.anchang.customer.adapter.mongo.MongoPersonalData;
import io.anchang.customer.adapter.mongo.MongoRelations;
import io.anchang.customer.adapter.web.SheetReader;
import io.anchang.customer.application.ArchiveIndex;
import io.anchang.customer.application.ImportJobs;
import io.anchang.customer.application.ImportingCustomers;
import io.anchang.customer.application.Archive;
import io.anchang.customer.application.ArchiveListing;
import io.anchang.customer.application.CustomerCards;
import io.anchang.customer.application.KeepingCards;
import io.anchang.customer.application.SearchingArchive;
import io.anchang.customer.application.TrackingCustomers;
import io.anchang.customer.application.CallLists;
import io.anchang.customer.application.CareProfiles;
import io.anchang.customer.application.CaringForCustomers;
import io.anchang.customer.application.Customers;
import io.anchang.customer.application.Feedbacks;
import io.anchang.customer.application.HandlingFeedback;
import io.anchang.customer.application.KeepingPersonalData;
import io.anchang.customer.application.ListingCalls;
import io.anchang.customer.application.Occasions;
import io.anchang.customer.application.OrganisingOccasions;
import io.anchang.customer.application.PersonalDataStore;
import io.anchang.customer.application.Questions;
import io.anchang.customer.application.RaisingQuestions;
import io.anchang.customer.application.Referrals;
import io.anchang.customer.application.Referring;
import io.anchang.customer.application.Surveying;
import io.anchang.customer.application.Surveys;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;

/**
 * The archive's life around the customer record (issue 14): care (R-CUS-8), personal data (R-CUS-13), complaints and
 * suggestions, surveys, tours and events, referrals (R-CUS-9..12), call lists (R-OPS-4) and questions to the MANAGER
 * (R-CUS-5) — each its own small aggregate, collection, events and audit.
 */
@Configuration(proxyBeanMethods = false)
public class ArchiveConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ArchiveConfiguration.class);

    @Bean
    CareProfiles careProfiles(ScopedMongo mongo) {
        return new MongoCareProfiles(mongo);
    }

    @Bean
    PersonalDataStore personalDataStore(ScopedMongo mongo) {
        return new MongoPersonalData(mongo);
    }

    @Bean
    Feedbacks feedbacks(ScopedMongo mongo) {
        return MongoRelations.feedback(mongo);
    }

    @Bean
    Surveys surveys(ScopedMongo mongo) {
        return MongoRelations.surveys(mongo);
    }

    @Bean
    Occasions occasions(ScopedMongo mongo) {
        return MongoRelations.occasions(mongo);
    }

    @Bean
    Referrals referrals(ScopedMongo mongo) {
        return MongoRelations.referrals(mongo);
    }

    @Bean
    CallLists callLists(ScopedMongo mongo) {
        return MongoCallLists.callLists(mongo);
    }

    @Bean
    Questions questions(ScopedMongo mongo) {
        return MongoCallLists.questions(mongo);
    }

    @Bean
    Archive archive(Customers customers, PersonalDataStore personalData, LocalSiteDirectory directory, Clock clock) {
        return new Archive(customers, personalData, directory, clock);
    }

    @Bean
    CaringForCustomers caringForCustomers(Archive archive, Customers customers, CareProfiles profiles, PersonalDataStore personalData,
                                          CustomerCards cards, ArchiveListing listing) {
        return new CaringForCustomers(archive, customers, profiles, personalData, cards, listing);
    }

    @Bean
    KeepingPersonalData keepingPersonalData(Archive archive, PersonalDataStore store, AuditTrail audit) {
        return new KeepingPersonalData(archive, store, audit);
    }

    @Bean
    HandlingFeedback handlingFeedback(Archive archive, Feedbacks feedbacks) {
        return new HandlingFeedback(archive, feedbacks);
    }

    @Bean
    Surveying surveying(Archive archive, Surveys surveys) {
        return new Surveying(archive, surveys);
    }

    @Bean
    OrganisingOccasions organisingOccasions(Archive archive, Occasions occasions) {
        return new OrganisingOccasions(archive, occasions);
    }

    @Bean
    Referring referring(Archive archive, Referrals referrals, AuditTrail audit) {
        return new Referring(archive, referrals, audit);
    }

    @Bean
    ListingCalls listingCalls(Archive archive, CallLists lists) {
        return new ListingCalls(archive, lists);
    }

    @Bean
    RaisingQuestions raisingQuestions(Archive archive, Questions questions) {
        return new RaisingQuestions(archive, questions);
    }

    @Bean
    EventHandler careErasureHandler(CaringForCustomers caring, JsonMapper mapper) {
        return ArchiveEventHandlers.careErasure(caring, mapper);
    }

    // ------------------------------------------------------------ import (R-CUS-2, R-CUS-3)

    @Bean
    ImportJobs importJobs(ScopedMongo mongo) {
        return new MongoImportJobs(mongo);
    }

    @Bean
    ArchiveIndex archiveIndex(ScopedMongo mongo) {
        return new MongoArchiveIndex(mongo);
    }

    @Bean
    ImportingCustomers importingCustomers(Archive archive, Customers customers, ImportJobs jobs, ArchiveIndex index) {
        return new ImportingCustomers(archive, customers, jobs, index);
    }

    /** Customer lists are parsed on two threads of their own, four more waiting at most. */
    @Bean(destroyMethod = "close")
    SheetReader sheetReader() {
        return new SheetReader(2, 4);
    }

    /** R-CUS-2: imports a restart interrupted are finished once the service is up. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> interruptedImports(ImportingCustomers importing) {
        return ready -> importing.recover().subscribe(finished -> log.info("import {} of {} finished after a restart", finished.id(),
                finished.siteId()), e -> log.warn("could not look for interrupted imports: {}", e.toString()));
    }

    // ------------------------------------------------------------ the card, tracking forms, search (R-CUS-1, 2, 4..7)

    @Bean
    CustomerCards customerCards(ScopedMongo mongo) {
        return new MongoCustomerCards(mongo);
    }

    @Bean
    ArchiveListing archiveListing(ScopedMongo mongo) {
        return new MongoArchiveListing(mongo);
    }

    @Bean
    KeepingCards keepingCards(Archive archive, Customers customers, CustomerCards cards) {
        return new KeepingCards(archive, customers, cards);
    }

    @Bean
    TrackingCustomers trackingCustomers(Archive archive, Customers customers, CustomerCards cards) {
        return new TrackingCustomers(archive, customers, cards);
    }

    @Bean
    SearchingArchive searchingArchive(Archive archive, ArchiveListing listing, CustomerCards cards, AuditTrail audit) {
        return new SearchingArchive(archive, listing, cards, audit);
    }

    /** R-CUS-5: overdue follow-ups are looked for every few minutes ({@code anchang.customer.overdue-every}, 10 minutes). */
    @Bean
    OverdueSweep overdueSweep(TrackingCustomers tracking,
                              @org.springframework.beans.factory.annotation.Value("${anchang.customer.overdue-every:10m}") Duration every) {
        return new OverdueSweep(tracking, every);
    }

    @Bean
    EventHandler cardSmallDepositHandler(KeepingCards cards, JsonMapper mapper) {
        return CardEventHandlers.smallDeposit(cards, mapper);
    }

    @Bean
    EventHandler cardBigDepositHandler(KeepingCards cards, JsonMapper mapper) {
        return CardEventHandlers.bigDeposit(cards, mapper);
    }

    @Bean
    EventHandler cardSmallDepositLapsedHandler(KeepingCards cards, JsonMapper mapper) {
        return CardEventHandlers.smallDepositLapsed(cards, mapper);
    }

    @Bean
    EventHandler cardContractHandler(KeepingCards cards, JsonMapper mapper) {
        return CardEventHandlers.contract(cards, mapper);
    }

    @Bean
    EventHandler cardRefundHandler(KeepingCards cards, JsonMapper mapper) {
        return CardEventHandlers.refund(cards, mapper);
    }

    @Bean
    EventHandler cardBreachCancelledHandler(KeepingCards cards, JsonMapper mapper) {
        return CardEventHandlers.breachCancelled(cards, mapper);
    }

    @Bean
    EventHandler cardUnitChangedHandler(KeepingCards cards, JsonMapper mapper) {
        return CardEventHandlers.unitChanged(cards, mapper);
    }

    @Bean
    EventHandler cardNameChangedHandler(KeepingCards cards, JsonMapper mapper) {
        return CardEventHandlers.nameChanged(cards, mapper);
    }

    @Bean
    EventHandler cardFollowUpHandler(KeepingCards cards, JsonMapper mapper) {
        return CardEventHandlers.followedUp(cards, mapper);
    }

    @Bean
    EventHandler cardReferralHandler(KeepingCards cards, JsonMapper mapper) {
        return CardEventHandlers.referred(cards, mapper);
    }
}
