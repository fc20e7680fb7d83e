package io.anchang.reporting.application.forms;

import io.anchang.reporting.domain.Metric;
import io.anchang.reporting.domain.Tally;
import io.anchang.reporting.domain.report.Column;

/** A counted value as the forms name and type it. */
enum Measure {
    CALLS(Metric.CALLS, "calls", "来电"),
    VISITS(Metric.VISITS, "visits", "来访（组）"),
    FIRST_VISITS(Metric.FIRST_VISITS, "firstVisits", "首访"),
    RETURN_VISITS(Metric.RETURN_VISITS, "returnVisits", "复访"),
    LEFT(Metric.LEFT, "left", "离开未接待"),
    NEW_CUSTOMERS(Metric.NEW_CUSTOMERS, "newCustomers", "新增客户"),
    HOLDS(Metric.HOLDS, "holds", "锁定房源"),
    SMALL_DEPOSITS(Metric.SMALL_DEPOSITS, "smallDeposits", "小订（套）"),
    SMALL_DEPOSIT_AMOUNT(Metric.SMALL_DEPOSIT_FEN, "smallDepositAmount", "小订金额（元）"),
    SMALL_LAPSED(Metric.SMALL_LAPSED, "smallLapsed", "小订失效（套）"),
    BIG_DEPOSITS(Metric.BIG_DEPOSITS, "bigDeposits", "大订（套）"),
    SUBSCRIBED_AMOUNT(Metric.SUBSCRIBED_FEN, "subscribedAmount", "认购金额（元）"),
    SUBSCRIBED_AREA(Metric.SUBSCRIBED_AREA, "subscribedArea", "认购面积（㎡）"),
    CONTRACTS(Metric.CONTRACTS, "contracts", "签约（套）"),
    CONTRACTED_AMOUNT(Metric.CONTRACTED_FEN, "contractedAmount", "签约金额（元）"),
    CANCELLED(Metric.CANCELLED, "cancelled", "退房（套）"),
    CANCELLED_AMOUNT(Metric.CANCELLED_FEN, "cancelledAmount", "退房金额（元）"),
    COLLECTED(Metric.COLLECTED_FEN, "collected", "回款（元）"),
    REFUND_DUE(Metric.REFUND_DUE_FEN, "refundDue", "应退款（元）"),
    REFUNDED(Metric.REFUNDED_FEN, "refunded", "已退款（元）");

    private final Metric metric;
    private final String key;
    private final String title;

    Measure(Metric metric, String key, String title) {
        this.metric = metric;
        this.key = key;
        this.title = title;
    }

    Metric metric() {
        return metric;
    }

    String key() {
        return key;
    }

    String title() {
        return title;
    }

    Column column() {
        return switch (metric.unit()) {
            case COUNT -> Column.integer(key, title);
            case FEN -> Column.money(key, title);
            case AREA, CREDIT -> Column.decimal(key, title);
        };
    }

    Object value(Tally tally) {
        return Values.of(tally, metric);
    }

    long raw(Tally tally) {
        return tally.get(metric);
    }
}
