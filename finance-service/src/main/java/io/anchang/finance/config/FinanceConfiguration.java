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
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
public class FinanceConfiguration {

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
}
