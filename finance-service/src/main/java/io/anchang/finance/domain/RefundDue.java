package io.anchang.finance.domain;

import io.anchang.platform.money.Money;

import java.time.Instant;

/** Money taken for a deposit the deal could not accept (the hold had lapsed): it is owed back (R-FIN-4). */
public record RefundDue(String refundId, String siteId, String requestId, String unitId, String unitLabel, String receiptNo,
                        Money amount, String reason, Instant openedAt, String status) {
}
