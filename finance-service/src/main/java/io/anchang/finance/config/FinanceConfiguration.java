package io.anchang.finance.config;

import io.anchang.finance.adapter.kafka.FinanceEventHandlers;
import io.anchang.finance.adapter.mongo.MongoDepositRequests;
import io.anchang.finance.adapter.mongo.MongoReceipts;
import io.anchang.finance.adapter.mongo.MongoRefundsDue;
import io.anchang.finance.application.DepositRequests;
import io.anchang.finance.application.FinanceDesk;
import io.anchang.finance.application.Receipts;
import io.anchang.finance.application.RefundsDue;
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
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
public class FinanceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FinanceConfiguration.class);

    /** R-FIN-1: one receipt per request — the store refuses a second (see MongoReceipts). */
    @Bean
    SmartInitializingSingleton receiptIndexes(ReactiveMongoTemplate template) {
        return () -> template.indexOps("receipts").createIndex(new Index().on("requestId", Sort.Direction.ASC).unique())
                .block(Duration.ofSeconds(30));
    }

    @Bean
    DepositRequests depositRequests(ScopedMongo mongo) {
        return new MongoDepositRequests(mongo);
    }

    @Bean
    Receipts receipts(ScopedMongo mongo) {
        return new MongoReceipts(mongo);
    }

    @Bean
    RefundsDue refundsDue(ScopedMongo mongo) {
        return new MongoRefundsDue(mongo);
    }

    @Bean
    FinanceDesk financeDesk(DepositRequests requests, Receipts receipts, RefundsDue refunds, AuditTrail audit,
                            LocalSiteDirectory directory, Clock clock) {
        return new FinanceDesk(requests, receipts, refunds, audit, directory, clock);
    }

    @Bean
    EventHandler depositRequestedHandler(FinanceDesk desk, JsonMapper mapper) {
        return FinanceEventHandlers.depositRequested(desk, mapper);
    }

    @Bean
    EventHandler unitReleasedHandler(FinanceDesk desk, JsonMapper mapper) {
        return FinanceEventHandlers.unitReleased(desk, mapper);
    }

    @Bean
    EventHandler depositRejectedHandler(FinanceDesk desk, JsonMapper mapper) {
        return FinanceEventHandlers.depositRejected(desk, mapper);
    }

    @Bean
    EventHandler smallDepositLapsedHandler(FinanceDesk desk, JsonMapper mapper) {
        return FinanceEventHandlers.smallDepositLapsed(desk, mapper);
    }

    /**
     * R-DEAL-2, R-FIN-2: every {@code anchang.finance.deadline-check} the queued requests whose deadline
     * passed lapse (deal-service then gives their units up), and confirmations an interruption left
     * between their claim and their receipt are finished.
     */
    @Bean
    SmartLifecycle deadlineCheck(FinanceDesk desk, Clock clock,
                                 @Value("${anchang.finance.deadline-check:5s}") Duration every,
                                 @Value("${anchang.finance.unfinished-after:30s}") Duration unfinishedAfter) {
        return new SmartLifecycle() {
            private Disposable running;

            @Override
            public void start() {
                running = Flux.interval(every, every)
                        .concatMap(tick -> desk.lapseOverdue(clock.instant())
                                .then(desk.finishInterrupted(clock.instant().minus(unfinishedAfter)))
                                .onErrorResume(e -> {
                                    log.warn("the deadline check failed; it runs again in {}: {}", every, e.toString());
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
