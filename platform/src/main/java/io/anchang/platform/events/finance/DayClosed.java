package io.anchang.platform.events.finance;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * R-FIN-5, R-FIN-7: FINANCE closed the desk's day (日结): its totals by payment method reconcile with
 * its receipts and vouchers; from now on that day's records change only by reversing entries on a later day.
 */
@EventContract(type = "finance.day-closed", version = 1, topic = Topics.FINANCE)
public record DayClosed(String siteId, LocalDate day, BigDecimal received, BigDecimal paidOut, BigDecimal net,
                        int receipts, int vouchers, List<ByMethod> byMethod, String closedBy, Instant closedAt) {

    /** The day's money by payment method: received, paid out, net. */
    public record ByMethod(String method, BigDecimal received, BigDecimal paidOut, BigDecimal net) {
    }
}
