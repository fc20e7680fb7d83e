package io.anchang.deal.config;

import io.anchang.deal.adapter.kafka.DealEventHandlers;
import io.anchang.deal.adapter.mongo.MongoAgreementNumbers;
import io.anchang.deal.adapter.mongo.MongoBuildings;
import io.anchang.deal.adapter.mongo.MongoCustomerCopies;
import io.anchang.deal.adapter.mongo.MongoRejections;
import io.anchang.deal.adapter.mongo.MongoUnits;
import io.anchang.deal.adapter.web.PriceListReader;
import io.anchang.deal.application.AgreementNumbers;
import io.anchang.deal.application.Buildings;
import io.anchang.deal.application.CustomerCopies;
import io.anchang.deal.application.DepositSaga;
import io.anchang.deal.application.HoldingUnits;
import io.anchang.deal.application.ManagingInventory;
import io.anchang.deal.application.Rejections;
import io.anchang.deal.application.UnitChanges;
import io.anchang.deal.application.Units;
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
