package io.anchang.finance.domain;

import io.anchang.platform.money.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A day of a site's finance desk (R-FIN-7): OPEN, CLOSING while FINANCE closes it (日结: no new record is
 * booked on it from then on), CLOSED with its totals. A closed day's receipts and vouchers are never voided:
 * a reversing entry on a later day corrects them.
 */
public record DeskDay(String siteId, LocalDate day, Status status, String closedBy, String closedByName, Instant closedAt,
                      Money received, Money paidOut, Money net, int receipts, int vouchers) {

    public enum Status { OPEN, CLOSING, CLOSED }

    public static DeskDay open(String siteId, LocalDate day) {
        return new DeskDay(siteId, day, Status.OPEN, null, null, null, null, null, null, 0, 0);
    }

    public boolean takesEntries() {
        return status == Status.OPEN;
    }

    public static String id(String siteId, LocalDate day) {
        return siteId + ":" + day;
    }
}
