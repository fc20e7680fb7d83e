package io.anchang.reporting.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A walk-in of the visitor register (来人登记表) as the reports know it (R-REC-3, R-RPT-1): the
 * day it arrived in the site's calendar, the rep who served it (none while it waits, none if
 * it left unserved), the customer, whether it was the customer's first visit to the site
 * (首访) or a return (复访) — unknown until customer-service has attributed it — and how long
 * the reception took.
 *
 * @param firstVisit true: the customer's first visit; false: a return visit; null: not attributed yet
 * @param source     the customer's source (R-CUS-2) when known
 */
public record VisitEntry(String id, String siteId, LocalDate day, Instant at, String rep, String customerId,
                         String customerName, String phoneMasked, Boolean firstVisit, String source, boolean left,
                         Long receptionSeconds, Long waitedSeconds, String ruleId, Seen seen) implements Entry {

    public static VisitEntry empty(String id, String siteId) {
        return new VisitEntry(id, siteId, null, null, null, null, null, null, null, null, false, null, null, null, Seen.NONE);
    }

    /** reception.visit-registered: the register entry, its day, and the rep the desk gave it to (null: queued). */
    public VisitEntry registered(LocalDate day, Instant at, String servedBy, String customerId, String customerName,
                                 String phoneMasked) {
        return new VisitEntry(id, siteId, day, at, servedBy != null ? servedBy : rep, customerId != null ? customerId : this.customerId,
                customerName != null ? customerName : this.customerName, Masking.phone(phoneMasked != null ? phoneMasked : this.phoneMasked),
                firstVisit, source, left, receptionSeconds, waitedSeconds, ruleId, seen);
    }

    /** reception.visit-served: a rep took the waiting customer (R-REC-9). */
    public VisitEntry served(String servedBy, long waited) {
        return new VisitEntry(id, siteId, day, at, servedBy, customerId, customerName, phoneMasked, firstVisit, source, false,
                receptionSeconds, waited, ruleId, seen);
    }

    /** reception.customer-left: the customer left the queue unserved (客户离开/未接待). */
    public VisitEntry leftUnserved(LocalDate day, Instant arrivedAt, long waited) {
        return new VisitEntry(id, siteId, this.day != null ? this.day : day, at != null ? at : arrivedAt, null, customerId,
                customerName, phoneMasked, firstVisit, source, true, receptionSeconds, waited, ruleId, seen);
    }

    /** reception.customer-seen-off: 送客, with the reception's duration (R-REC-2). */
    public VisitEntry seenOff(String rep, long seconds) {
        return new VisitEntry(id, siteId, day, at, this.rep != null ? this.rep : rep, customerId, customerName, phoneMasked,
                firstVisit, source, left, seconds, waitedSeconds, ruleId, seen);
    }

    /** customer.visit-attributed: who the customer is, whether this is their first visit, their source. */
    public VisitEntry attributed(LocalDate day, Instant at, String customerId, boolean first, String source, String ruleId,
                                 String phoneMasked) {
        return new VisitEntry(id, siteId, this.day != null ? this.day : day, this.at != null ? this.at : at, rep, customerId,
                customerName, this.phoneMasked != null ? this.phoneMasked : Masking.phone(phoneMasked), first, source, left,
                receptionSeconds, waitedSeconds, ruleId, seen);
    }

    /** A visit taken for a first visit turned out a return: the customer's record was merged into an earlier one (R-CUS-3). */
    public VisitEntry returning() {
        return new VisitEntry(id, siteId, day, at, rep, customerId, customerName, phoneMasked, Boolean.FALSE, source, left,
                receptionSeconds, waitedSeconds, ruleId, seen);
    }

    @Override
    public VisitEntry seeing(String eventId) {
        return new VisitEntry(id, siteId, day, at, rep, customerId, customerName, phoneMasked, firstVisit, source, left,
                receptionSeconds, waitedSeconds, ruleId, seen.plus(eventId));
    }

    /** R-RPT-1: one visit (来访组数) for the serving rep; first or return once attributed; left, reception time. */
    @Override
    public List<Contribution> contributions() {
        if (day == null) {
            return List.of();
        }
        Tally tally = Tally.builder()
                .add(Metric.VISITS, 1)
                .add(Metric.FIRST_VISITS, Boolean.TRUE.equals(firstVisit))
                .add(Metric.RETURN_VISITS, Boolean.FALSE.equals(firstVisit))
                .add(Metric.LEFT, left)
                .add(Metric.RECEPTIONS, receptionSeconds != null)
                .add(Metric.RECEPTION_SECONDS, receptionSeconds == null ? 0 : receptionSeconds)
                .build();
        return List.of(Contribution.on(siteId, day, tally, Axis.REP, rep == null || left ? Axis.NO_REP : rep,
                Axis.SOURCE, source == null ? Axis.UNKNOWN_SOURCE : source));
    }
}
