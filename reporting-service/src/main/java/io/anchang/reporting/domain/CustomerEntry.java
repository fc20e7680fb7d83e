package io.anchang.reporting.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer of the site's archive as the reports know it (R-CUS-2): masked phone (R-SEC-3),
 * source, the rep whose registration brought them in, the owner now, and which visit was
 * their first. A record merged into another (R-CUS-3) no longer counts as a new customer.
 *
 * @param registeredOwner the owner the registration gave (R-ATT-1): new customers count for that rep
 * @param firstVisitId    the customer's first visit to the site, once one was attributed
 * @param deals           the deals of the customer the reports know
 */
public record CustomerEntry(String id, String siteId, String archiveNo, String name, String phoneMasked, String source,
                            String registeredOwner, LocalDate registeredDay, Instant registeredAt, String owner,
                            String firstVisitId, Instant firstVisitAt, String mergedInto, List<String> deals, Seen seen) implements Entry {

    public CustomerEntry {
        deals = deals == null ? List.of() : List.copyOf(deals);
    }

    /** The deals of this customer: what the archive says of them reaches those deals, whichever event came first. */
    public CustomerEntry dealing(String dealId) {
        if (deals.contains(dealId)) {
            return this;
        }
        List<String> next = new java.util.ArrayList<>(deals);
        next.add(dealId);
        return new CustomerEntry(id, siteId, archiveNo, name, phoneMasked, source, registeredOwner, registeredDay, registeredAt,
                owner, firstVisitId, firstVisitAt, mergedInto, next, seen);
    }

    public static CustomerEntry empty(String id, String siteId) {
        return new CustomerEntry(id, siteId, null, null, null, null, null, null, null, null, null, null, null, List.of(), Seen.NONE);
    }

    public CustomerEntry registered(String archiveNo, String name, String phoneMasked, String source, String ownerRep,
                                    LocalDate day, Instant at) {
        return new CustomerEntry(id, siteId, archiveNo, name, Masking.phone(phoneMasked), source, ownerRep, day, at,
                owner != null ? owner : ownerRep, firstVisitId, firstVisitAt, mergedInto, deals, seen);
    }

    public CustomerEntry owned(String ownerRep) {
        return new CustomerEntry(id, siteId, archiveNo, name, phoneMasked, source, registeredOwner, registeredDay, registeredAt,
                ownerRep, firstVisitId, firstVisitAt, mergedInto, deals, seen);
    }

    /** Whether {@code visitId} is this customer's first visit; the first visit attributed to a customer is their first. */
    public boolean isFirstVisit(String visitId) {
        return firstVisitId == null || firstVisitId.equals(visitId);
    }

    public CustomerEntry visited(String visitId, Instant at) {
        return firstVisitId != null ? this : new CustomerEntry(id, siteId, archiveNo, name, phoneMasked, source, registeredOwner,
                registeredDay, registeredAt, owner, visitId, at, mergedInto, deals, seen);
    }

    /** The survivor of a merge (R-CUS-3): the earlier first visit stands. */
    public CustomerEntry absorbing(CustomerEntry absorbed, String ownerRep) {
        boolean theirsFirst = absorbed.firstVisitId != null
                && (firstVisitAt == null || absorbed.firstVisitAt != null && absorbed.firstVisitAt.isBefore(firstVisitAt));
        return new CustomerEntry(id, siteId, archiveNo, name, phoneMasked, source, registeredOwner, registeredDay, registeredAt,
                ownerRep, theirsFirst ? absorbed.firstVisitId : firstVisitId, theirsFirst ? absorbed.firstVisitAt : firstVisitAt,
                mergedInto, deals, seen);
    }

    public CustomerEntry mergedInto(String survivorId) {
        return new CustomerEntry(id, siteId, archiveNo, name, phoneMasked, source, registeredOwner, registeredDay, registeredAt,
                null, firstVisitId, firstVisitAt, survivorId, deals, seen);
    }

    @Override
    public CustomerEntry seeing(String eventId) {
        return new CustomerEntry(id, siteId, archiveNo, name, phoneMasked, source, registeredOwner, registeredDay, registeredAt,
                owner, firstVisitId, firstVisitAt, mergedInto, deals, seen.plus(eventId));
    }

    /** A new customer (新增客户) on the day of registration, for the rep it gave them to, by source. */
    @Override
    public List<Contribution> contributions() {
        if (registeredDay == null || mergedInto != null) {
            return List.of();
        }
        return List.of(Contribution.on(siteId, registeredDay, Tally.of(Metric.NEW_CUSTOMERS, 1),
                Axis.REP, registeredOwner == null ? Axis.NO_REP : registeredOwner,
                Axis.SOURCE, source == null ? Axis.UNKNOWN_SOURCE : source));
    }
}
