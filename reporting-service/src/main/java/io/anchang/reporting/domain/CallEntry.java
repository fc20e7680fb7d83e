package io.anchang.reporting.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An inbound call of the call register (来电登记表, R-REC-3) as the reports count it (R-RPT-1). */
public record CallEntry(String id, String siteId, LocalDate day, Instant at, String rep, String customerId,
                        String source, Seen seen) implements Entry {

    public static CallEntry empty(String id, String siteId) {
        return new CallEntry(id, siteId, null, null, null, null, null, Seen.NONE);
    }

    public CallEntry registered(LocalDate day, Instant at, String rep, String customerId) {
        return new CallEntry(id, siteId, day, at, rep, customerId != null ? customerId : this.customerId, source, seen);
    }

    /** customer.visit-attributed for a call: the customer and their source. */
    public CallEntry attributed(String customerId, String source) {
        return new CallEntry(id, siteId, day, at, rep, customerId, source, seen);
    }

    @Override
    public CallEntry seeing(String eventId) {
        return new CallEntry(id, siteId, day, at, rep, customerId, source, seen.plus(eventId));
    }

    @Override
    public List<Contribution> contributions() {
        if (day == null) {
            return List.of();
        }
        return List.of(Contribution.on(siteId, day, Tally.of(Metric.CALLS, 1), Axis.REP, rep == null ? Axis.NO_REP : rep,
                Axis.SOURCE, source == null ? Axis.UNKNOWN_SOURCE : source));
    }
}
