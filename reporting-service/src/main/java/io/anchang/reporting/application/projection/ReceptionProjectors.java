package io.anchang.reporting.application.projection;

import io.anchang.platform.events.reception.CallRegistered;
import io.anchang.platform.events.reception.CustomerLeft;
import io.anchang.platform.events.reception.CustomerSeenOff;
import io.anchang.platform.events.reception.SiteProfileChanged;
import io.anchang.platform.events.reception.VisitRegistered;
import io.anchang.platform.events.reception.VisitServed;
import io.anchang.reporting.domain.EntryKind;
import io.anchang.reporting.domain.EntryRef;

import java.util.List;

/**
 * The front desk's events (R-REC-3) in the visitor and call registers the daily statistics
 * count (R-RPT-1). Full phones that an attribution-pending event may carry are never read:
 * the reports keep phones masked only (R-SEC-3).
 */
public final class ReceptionProjectors {

    private ReceptionProjectors() {
    }

    public static List<Projector<?>> all() {
        return List.of(
                Projector.of(VisitRegistered.class, p -> List.of(new EntryRef(EntryKind.VISIT, p.visitId())), (fact, entries) -> {
                    VisitRegistered p = fact.payload();
                    entries.change(EntryKind.VISIT, p.visitId(), p.siteId(), fact, visit -> visit.registered(
                            entries.day(p.siteId(), p.at()), p.at(), p.servedBy(), p.customerId(), p.customerName(), p.phoneMasked()));
                }),
                Projector.of(VisitServed.class, p -> List.of(new EntryRef(EntryKind.VISIT, p.visitId())), (fact, entries) -> {
                    VisitServed p = fact.payload();
                    entries.change(EntryKind.VISIT, p.visitId(), p.siteId(), fact, visit -> visit.served(p.servedBy(), p.waitedSeconds()));
                }),
                Projector.of(CustomerLeft.class, p -> List.of(new EntryRef(EntryKind.VISIT, p.visitId())), (fact, entries) -> {
                    CustomerLeft p = fact.payload();
                    entries.change(EntryKind.VISIT, p.visitId(), p.siteId(), fact, visit -> visit.leftUnserved(
                            p.day() != null ? p.day() : entries.day(p.siteId(), p.arrivedAt()), p.arrivedAt(), p.waitedSeconds()));
                }),
                Projector.of(CustomerSeenOff.class, p -> List.of(new EntryRef(EntryKind.VISIT, p.visitId())), (fact, entries) -> {
                    CustomerSeenOff p = fact.payload();
                    entries.change(EntryKind.VISIT, p.visitId(), p.siteId(), fact, visit -> visit.seenOff(p.rep(), p.durationSeconds()));
                }),
                Projector.of(CallRegistered.class, p -> List.of(new EntryRef(EntryKind.CALL, p.callId())), (fact, entries) -> {
                    CallRegistered p = fact.payload();
                    entries.change(EntryKind.CALL, p.callId(), p.siteId(), fact, call -> call.registered(
                            entries.day(p.siteId(), p.at()), p.at(), p.receivedBy(), p.customerId()));
                }),
                // periods are the site's calendar: a site's time zone applies from the moment reception announces it
                Projector.of(SiteProfileChanged.class, p -> List.of(), (fact, entries) -> {
                    SiteProfileChanged p = fact.payload();
                    if (p.site() != null && p.site().code() != null && p.site().timeZone() != null) {
                        entries.zoneChanged(p.site().code(), p.site().timeZone());
                    }
                }));
    }
}
