package io.anchang.finance.config;

import io.anchang.finance.adapter.kafka.FinanceEventHandlers;
import io.anchang.finance.adapter.mongo.MongoDepositRequests;
import io.anchang.finance.adapter.mongo.MongoReceipts;
import io.anchang.finance.adapter.mongo.MongoRefundsDue;
import io.anchang.finance.adapter.mongo.MongoDeskDays;
import io.anchang.finance.adapter.mongo.MongoDues;
import io.anchang.finance.adapter.mongo.MongoMortgages;
import io.anchang.finance.adapter.mongo.MongoVouchers;
import io.anchang.finance.adapter.web.FinanceOnlyWebFilter;
import io.anchang.finance.application.ClosingDays;
import io.anchang.finance.application.CollectingPayments;
import io.anchang.finance.application.CorrectingReceipts;
import io.anchang.finance.application.DepositRequests;
import io.anchang.finance.application.DeskCalendar;
import io.anchang.finance.application.DeskDays;
import io.anchang.finance.application.Dues;
import io.anchang.finance.application.FollowingDeals;
import io.anchang.finance.application.Mortgages;
import io.anchang.finance.application.PayingOut;
import io.anchang.finance.application.TrackingMortgages;
import io.anchang.finance.application.Vouchers;
import io.anchang.finance.application.WatchingArrears;
import io.anchang.platform.web.ProblemResponses;
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

    /**
     * R-FIN-4, R-FIN-7: one voucher per payout and per reversal — the store refuses a second (see MongoVouchers). A refund
     * paid out again after a void or a reversal has vouchers of its own, so the earlier one-voucher-per-refund index goes.
     */
    @Bean
    SmartInitializingSingleton voucherIndexes(ReactiveMongoTemplate template) {
        return () -> template.indexOps("vouchers").getIndexInfo()
                .filter(index -> index.isUnique() && index.getIndexFields().size() == 1 && "refundId".equals(index.getIndexFields().get(0).getKey()))
                .concatMap(index -> template.indexOps("vouchers").dropIndex(index.getName()))
                .then(template.indexOps("vouchers").createIndex(new Index().on("payoutKey", Sort.Direction.ASC).unique().sparse()))
                .block(Duration.ofSeconds(30));
    }

    @Bean
    Dues dues(ScopedMongo mongo) {
        return new MongoDues(mongo);
    }

    @Bean
    Vouchers vouchers(ScopedMongo mongo) {
        return new MongoVouchers(mongo);
    }

    @Bean
    DeskDays deskDays(ScopedMongo mongo) {
        return new MongoDeskDays(mongo);
    }

    @Bean
    Mortgages mortgages(ScopedMongo mongo) {
        return new MongoMortgages(mongo);
    }

    @Bean
    DeskCalendar deskCalendar(LocalSiteDirectory directory, DeskDays days, Clock clock) {
        return new DeskCalendar(directory, days, clock);
    }

    @Bean
    CollectingPayments collectingPayments(Dues dues, Receipts receipts, DeskCalendar calendar) {
        return new CollectingPayments(dues, receipts, calendar);
    }

    @Bean
    CorrectingReceipts correctingReceipts(Receipts receipts, DeskCalendar calendar) {
        return new CorrectingReceipts(receipts, calendar);
    }

    @Bean
    PayingOut payingOut(RefundsDue refunds, Vouchers vouchers, DeskCalendar calendar) {
        return new PayingOut(refunds, vouchers, calendar);
    }

    @Bean
    ClosingDays closingDays(DeskDays days, Receipts receipts, Vouchers vouchers, DeskCalendar calendar) {
        return new ClosingDays(days, receipts, vouchers, calendar);
    }

    @Bean
    WatchingArrears watchingArrears(Dues dues, Mortgages mortgages, DeskCalendar calendar) {
        return new WatchingArrears(dues, mortgages, calendar);
    }

    @Bean
    TrackingMortgages trackingMortgages(Mortgages mortgages, DeskCalendar calendar) {
        return new TrackingMortgages(mortgages, calendar);
    }

    @Bean
    FollowingDeals followingDeals(Dues dues, Mortgages mortgages, RefundsDue refunds, DeskCalendar calendar) {
        return new FollowingDeals(dues, mortgages, refunds, calendar);
    }

    /** R-SEC-2: every write of the desk's day is FINANCE's alone, refused and audited for anyone else at the door. */
    @Bean
    FinanceOnlyWebFilter financeOnlyWebFilter(ProblemResponses problems, AuditTrail audit, Clock clock) {
        return new FinanceOnlyWebFilter(problems, audit, clock);
    }

    @Bean
    EventHandler contractSignedHandler(FollowingDeals deals, JsonMapper mapper) {
        return FinanceEventHandlers.contractSigned(deals, mapper);
    }

    @Bean
    EventHandler nameChangeRequestedHandler(FollowingDeals deals, JsonMapper mapper) {
        return FinanceEventHandlers.nameChangeRequested(deals, mapper);
    }

    @Bean
    EventHandler nameChangedHandler(FollowingDeals deals, JsonMapper mapper) {
        return FinanceEventHandlers.nameChanged(deals, mapper);
    }

    @Bean
    EventHandler breachRuledHandler(FollowingDeals deals, JsonMapper mapper) {
        return FinanceEventHandlers.breachRuled(deals, mapper);
    }

    @Bean
    EventHandler refundedHandler(FollowingDeals deals, JsonMapper mapper) {
        return FinanceEventHandlers.refunded(deals, mapper);
    }

    @Bean
    EventHandler receiptVoidedHandler(FollowingDeals deals, JsonMapper mapper) {
        return FinanceEventHandlers.receiptVoided(deals, mapper);
    }

    @Bean
    EventHandler receiptReversedHandler(FollowingDeals deals, JsonMapper mapper) {
        return FinanceEventHandlers.receiptReversed(deals, mapper);
    }

    @Bean
    EventHandler voucherVoidedHandler(FollowingDeals deals, JsonMapper mapper) {
        return FinanceEventHandlers.voucherVoided(deals, mapper);
    }

    @Bean
    EventHandler voucherReversedHandler(FollowingDeals deals, JsonMapper mapper) {
        return FinanceEventHandlers.voucherReversed(deals, mapper);
    }

    @Bean
    EventHandler loanRecordedHandler(TrackingMortgages mortgages, JsonMapper mapper) {
        return FinanceEventHandlers.loanRecorded(mortgages, mapper);
    }

    /**
     * R-FIN-3, R-DEAL-9: every {@code anchang.finance.arrears-check} what is overdue in each site's calendar is
     * announced (and past breachMonths, as a breach); payments and payouts an interruption left without their
     * receipt or voucher are finished, and interrupted day closes completed.
     */
    @Bean
    SmartLifecycle arrearsCheck(WatchingArrears arrears, CollectingPayments payments, PayingOut payouts, ClosingDays days, Clock clock,
                                @Value("${anchang.finance.arrears-check:10m}") Duration every,
                                @Value("${anchang.finance.unfinished-after:30s}") Duration unfinishedAfter) {
        return periodically("the arrears check", every, () -> arrears.check(clock.instant())
                .then(payments.finishInterrupted(clock.instant().minus(unfinishedAfter)))
                .then(payouts.finishInterrupted(clock.instant().minus(unfinishedAfter)))
                .then(days.tidy(clock.instant().minus(Duration.ofDays(3)))));
    }

    private static SmartLifecycle periodically(String what, Duration every, java.util.function.Supplier<Mono<?>> work) {
        return new SmartLifecycle() {
            private Disposable running;

            @Override
            public void start() {
                running = Flux.interval(every, every)
                        .concatMap(tick -> work.get().onErrorResume(e -> {
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
                            LocalSiteDirectory directory, Clock clock, DeskCalendar calendar) {
        return new FinanceDesk(requests, receipts, refunds, audit, directory, clock, calendar);
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
