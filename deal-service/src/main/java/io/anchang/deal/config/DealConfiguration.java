package io.anchang.deal.config;

import io.anchang.deal.adapter.kafka.DealEventHandlers;
import io.anchang.deal.adapter.kafka.UnitChangeFeed;
import io.anchang.deal.adapter.mongo.MongoAgreementNumbers;
import io.anchang.deal.adapter.mongo.MongoBuildings;
import io.anchang.deal.adapter.mongo.MongoCustomerCopies;
import io.anchang.deal.adapter.mongo.MongoRejections;
import io.anchang.deal.adapter.mongo.MongoUnits;
import io.anchang.deal.adapter.web.PriceListReader;
import io.anchang.deal.application.AgreementNumbers;
import io.anchang.deal.application.ChangingNames;
import io.anchang.deal.application.ChangingUnits;
import io.anchang.deal.application.CorrectingAgreements;
import io.anchang.deal.application.FollowingPayments;
import io.anchang.deal.application.HandlingBreaches;
import io.anchang.deal.application.IssuingAgreements;
import io.anchang.deal.application.PrintingAgreements;
import io.anchang.deal.application.ReadingDeals;
import io.anchang.deal.application.Refunding;
import io.anchang.deal.application.SigningContracts;
import io.anchang.deal.application.UnitWrites;
import io.anchang.deal.application.Buildings;
import io.anchang.deal.application.CustomerCopies;
import io.anchang.deal.application.DepositSaga;
import io.anchang.deal.application.HoldingUnits;
import io.anchang.deal.application.ManagingInventory;
import io.anchang.deal.application.Rejections;
import io.anchang.deal.application.UnitChanges;
import io.anchang.deal.application.Units;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.kafka.core.ConsumerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

@Configuration(proxyBeanMethods = false)
public class DealConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DealConfiguration.class);

    @Bean
    UnitChanges unitChanges() {
        return new UnitChanges();
    }

    /** R-DEAL-2: the live board shows the changes of every instance, heard on the deal topic by each in a group of its own. */
    @Bean
    UnitChangeFeed unitChangeFeed(ConsumerFactory<String, String> consumers, Units units, UnitChanges changes, JsonMapper json,
                                  @Value("${spring.application.name}") String service) {
        return new UnitChangeFeed(consumers, units, changes, json, service);
    }

    @Bean
    Units units(ScopedMongo mongo, JsonMapper json, UnitChanges changes) {
        return new MongoUnits(mongo, json, changes);
    }

    @Bean
    Buildings buildings(ScopedMongo mongo, JsonMapper json) {
        return new MongoBuildings(mongo, json);
    }

    @Bean
    CustomerCopies customerCopies(ScopedMongo mongo) {
        return new MongoCustomerCopies(mongo);
    }

    @Bean
    Rejections rejections(ScopedMongo mongo) {
        return new MongoRejections(mongo);
    }

    @Bean
    AgreementNumbers agreementNumbers(ScopedMongo mongo) {
        return new MongoAgreementNumbers(mongo);
    }

    /** R-DEAL-4: one number per agreement — the register refuses a second claim for the same agreement. */
    @Bean
    SmartInitializingSingleton agreementRegisterIndexes(ReactiveMongoTemplate template) {
        return () -> template.indexOps("agreement_register").createIndex(new Index().on("key", Sort.Direction.ASC).unique())
                .block(Duration.ofSeconds(30));
    }

    /** Price lists are parsed on two threads of their own, eight more waiting at most (issue 9). */
    @Bean(destroyMethod = "close")
    PriceListReader priceListReader() {
        return new PriceListReader(2, 8);
    }

    @Bean
    ManagingInventory managingInventory(Buildings buildings, Units units, LocalSiteDirectory directory, Clock clock,
                                        @Value("${anchang.deal.addition-interrupted-after:2m}") Duration interruptedAfter) {
        return new ManagingInventory(buildings, units, directory, clock, interruptedAfter);
    }

    @Bean
    HoldingUnits holdingUnits(Units units, CustomerCopies customers, LocalSiteDirectory directory, Clock clock) {
        return new HoldingUnits(units, customers, directory, clock);
    }

    @Bean
    DepositSaga depositSaga(Units units, Rejections rejections, AgreementNumbers numbers, LocalSiteDirectory directory,
                            HoldingUnits holding, Clock clock) {
        return new DepositSaga(units, rejections, numbers, directory, holding, clock);
    }

    @Bean
    UnitWrites unitWrites(Units units) {
        return new UnitWrites(units);
    }

    @Bean
    IssuingAgreements issuingAgreements(Units units, AgreementNumbers numbers, LocalSiteDirectory directory) {
        return new IssuingAgreements(units, numbers, directory);
    }

    @Bean
    CorrectingAgreements correctingAgreements(UnitWrites writes, IssuingAgreements issuing, Units units, Clock clock) {
        return new CorrectingAgreements(writes, issuing, units, clock);
    }

    @Bean
    SigningContracts signingContracts(UnitWrites writes, LocalSiteDirectory directory, Clock clock) {
        return new SigningContracts(writes, directory, clock);
    }

    @Bean
    ChangingUnits changingUnits(Units units, UnitWrites writes, IssuingAgreements issuing, Clock clock) {
        return new ChangingUnits(units, writes, issuing, clock);
    }

    @Bean
    ChangingNames changingNames(UnitWrites writes, IssuingAgreements issuing, Units units, LocalSiteDirectory directory, Clock clock) {
        return new ChangingNames(writes, issuing, units, directory, clock);
    }

    @Bean
    Refunding refunding(UnitWrites writes, Clock clock) {
        return new Refunding(writes, clock);
    }

    @Bean
    HandlingBreaches handlingBreaches(UnitWrites writes, Clock clock) {
        return new HandlingBreaches(writes, clock);
    }

    @Bean
    FollowingPayments followingPayments(UnitWrites writes) {
        return new FollowingPayments(writes);
    }

    @Bean
    PrintingAgreements printingAgreements(Units units, AuditTrail audit, Clock clock) {
        return new PrintingAgreements(units, audit, clock);
    }

    @Bean
    ReadingDeals readingDeals(Units units, LocalSiteDirectory directory, Clock clock) {
        return new ReadingDeals(units, directory, clock);
    }

    @Bean
    EventHandler paymentRecordedHandler(FollowingPayments payments, ChangingNames names, JsonMapper mapper) {
        return DealEventHandlers.paymentRecorded(payments, names, mapper);
    }

    @Bean
    EventHandler receiptVoidedHandler(FollowingPayments payments, JsonMapper mapper) {
        return DealEventHandlers.receiptVoided(payments, mapper);
    }

    @Bean
    EventHandler receiptReversedHandler(FollowingPayments payments, JsonMapper mapper) {
        return DealEventHandlers.receiptReversed(payments, mapper);
    }

    @Bean
    EventHandler paymentOverdueHandler(HandlingBreaches breaches, JsonMapper mapper) {
        return DealEventHandlers.paymentOverdue(breaches, mapper);
    }

    /**
     * R-DEAL-7: every {@code anchang.deal.unit-change-check} the unit changes that stopped half-way (shown for longer
     * than {@code anchang.deal.unit-change-stale}) are finished or undone, so that the deal is on exactly one unit.
     */
    @Bean
    SmartLifecycle unitChangeCheck(ChangingUnits changes, Clock clock, @Value("${anchang.deal.unit-change-check:30s}") Duration every,
                                   @Value("${anchang.deal.unit-change-stale:30s}") Duration stale) {
        return periodically("recovering unit changes", every, () -> changes.recover(clock.instant().minus(stale)));
    }

    @Bean
    EventHandler customerRegisteredHandler(CustomerCopies customers, JsonMapper mapper) {
        return DealEventHandlers.customerRegistered(customers, mapper);
    }

    @Bean
    EventHandler customerOwnerChangedHandler(CustomerCopies customers, JsonMapper mapper) {
        return DealEventHandlers.customerOwnerChanged(customers, mapper);
    }

    @Bean
    EventHandler depositConfirmedHandler(DepositSaga saga, JsonMapper mapper) {
        return DealEventHandlers.depositConfirmed(saga, mapper);
    }

    @Bean
    EventHandler dealCreditFixedHandler(DepositSaga saga, JsonMapper mapper) {
        return DealEventHandlers.dealCreditFixed(saga, mapper);
    }

    @Bean
    EventHandler depositRequestLapsedHandler(HoldingUnits holding, JsonMapper mapper) {
        return DealEventHandlers.depositRequestLapsed(holding, mapper);
    }

    /** R-DEAL-2, R-DEAL-3: every {@code anchang.deal.lapse-check} the lapsed holds and small deposits go back on sale. */
    @Bean
    SmartLifecycle lapseCheck(HoldingUnits holding, Clock clock, @Value("${anchang.deal.lapse-check:15s}") Duration every) {
        return periodically("the lapse check", every, () -> holding.releaseLapsed(clock.instant()));
    }

    /** R-DEAL-4: every {@code anchang.deal.agreement-check} the agreements a failure left without their number get it. */
    @Bean
    SmartLifecycle agreementCheck(DepositSaga saga, @Value("${anchang.deal.agreement-check:1m}") Duration every) {
        return periodically("numbering waiting agreements", every, saga::numberWaitingAgreements);
    }

    /**
     * R-DEAL-1: every {@code anchang.deal.interrupted-additions-check} the units of interrupted price-list
     * imports and unit entries are stored (see {@link ManagingInventory}).
     */
    @Bean
    SmartLifecycle interruptedAdditionsCheck(ManagingInventory inventory, Clock clock,
                                             @Value("${anchang.deal.interrupted-additions-check:1m}") Duration every) {
        return periodically("completing interrupted additions", every, () -> inventory.completeInterrupted(clock.instant()));
    }

    @Bean
    io.anchang.deal.application.WatchingContracts watchingContracts(Units units, io.anchang.platform.sitedirectory.LocalSiteDirectory directory) {
        return new io.anchang.deal.application.WatchingContracts(units, directory);
    }

    /** R-DEAL-6: every {@code anchang.deal.contract-overdue-check} the big deposits past their contract day are announced, once each. */
    @Bean
    SmartLifecycle contractOverdueCheck(io.anchang.deal.application.WatchingContracts contracts, Clock clock,
                                        @Value("${anchang.deal.contract-overdue-check:10m}") Duration every) {
        return periodically("the contract-overdue check", every, () -> contracts.check(clock.instant()));
    }

    /** Runs {@code work} every {@code every} while the service runs; a failed run is logged and the next one comes. */
    private static SmartLifecycle periodically(String what, Duration every, Supplier<Mono<?>> work) {
        return new SmartLifecycle() {
            private Disposable running;

            @Override
            public void start() {
                running = Flux.interval(every, every)
                        .concatMap(tick -> work.get()
                                .onErrorResume(e -> {
                                    log.warn("{} failed; it runs again in {}: {}", what, every, e.toString());
                                    return Mono.empty();
                                }))
                        .subscribe();
            }

            @Override
            public void stop() {
                if (running != null) {
                    running.dispose();
                }
            }

            @Override
            public boolean isRunning() {
                return running != null && !running.isDisposed();
            }
        };
    }
}
