package io.anchang.reporting.application.projection;

import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.events.customer.CustomerOwnerChanged;
import io.anchang.platform.events.customer.CustomerRegistered;
import io.anchang.platform.events.customer.CustomersMerged;
import io.anchang.platform.events.customer.VisitAttributed;
import io.anchang.reporting.domain.CustomerEntry;
import io.anchang.reporting.domain.EntryKind;
import io.anchang.reporting.domain.EntryRef;

import java.util.List;

/**
 * The customer archive's events: new customers by source and rep (R-CUS-2), and which visit
 * was a customer's first (首访) and which a return (复访) — the first visit attributed to a
 * customer is their first; customer-service publishes one customer's events in order.
 */
public final class CustomerProjectors {

    private CustomerProjectors() {
    }

    public static List<Projector<?>> all() {
        return List.of(
                Projector.of(CustomerRegistered.class, p -> List.of(new EntryRef(EntryKind.CUSTOMER, p.customerId())), (fact, entries) -> {
                    CustomerRegistered p = fact.payload();
                    CustomerEntry customer = entries.change(EntryKind.CUSTOMER, p.customerId(), p.siteId(), fact, c -> c.registered(
                            p.archiveNo(), p.name(), p.phoneMasked(), p.source(), p.ownerRep(),
                            p.registeredAt() == null ? null : entries.day(p.siteId(), p.registeredAt()), p.registeredAt()));
                    // deals read before this registration (another topic) learn the customer's name, phone and source now
                    for (String deal : customer.deals()) {
                        entries.change(EntryKind.DEAL, deal, p.siteId(), fact, d -> d.withCustomer(p.customerId(), customer.name(),
                                customer.phoneMasked(), customer.source()));
                    }
                }),
                Projector.of(CustomerOwnerChanged.class, p -> List.of(new EntryRef(EntryKind.CUSTOMER, p.customerId())), (fact, entries) -> {
                    CustomerOwnerChanged p = fact.payload();
                    entries.change(EntryKind.CUSTOMER, p.customerId(), p.siteId(), fact, customer -> customer.owned(p.ownerRep()));
                }),
                Projector.of(VisitAttributed.class, p -> List.of(new EntryRef(EntryKind.CUSTOMER, p.customerId()),
                        new EntryRef(p.role() == ServingRole.CALL ? EntryKind.CALL : EntryKind.VISIT, p.visitId())), (fact, entries) -> {
                    VisitAttributed p = fact.payload();
                    if (p.customerId() == null) {
                        return;
                    }
                    CustomerEntry customer = entries.find(EntryKind.CUSTOMER, p.customerId())
                            .orElseGet(() -> EntryKind.CUSTOMER.empty(p.customerId(), p.siteId()));
                    if (p.role() == ServingRole.CALL) {
                        entries.change(EntryKind.CALL, p.visitId(), p.siteId(), fact, call -> call.attributed(p.customerId(), customer.source()));
                        return;
                    }
                    boolean first = customer.isFirstVisit(p.visitId());
                    entries.add(EntryKind.CUSTOMER, p.customerId(), p.siteId(), fact, c -> c.visited(p.visitId(), p.at()));
                    entries.change(EntryKind.VISIT, p.visitId(), p.siteId(), fact, visit -> visit.attributed(
                            p.at() == null ? null : entries.day(p.siteId(), p.at()), p.at(), p.customerId(), first, customer.source(),
                            p.ruleId(), p.phoneMasked()));
                }),
                // R-CUS-3: the absorbed record no longer counts as a new customer; of the two first visits, the earlier stands
                Projector.of(CustomersMerged.class, p -> List.of(new EntryRef(EntryKind.CUSTOMER, p.survivorId()),
                        new EntryRef(EntryKind.CUSTOMER, p.absorbedId())), (fact, entries) -> {
                    CustomersMerged p = fact.payload();
                    CustomerEntry absorbed = entries.find(EntryKind.CUSTOMER, p.absorbedId())
                            .orElseGet(() -> EntryKind.CUSTOMER.empty(p.absorbedId(), p.siteId()));
                    CustomerEntry survivorBefore = entries.find(EntryKind.CUSTOMER, p.survivorId())
                            .orElseGet(() -> EntryKind.CUSTOMER.empty(p.survivorId(), p.siteId()));
                    CustomerEntry survivor = entries.change(EntryKind.CUSTOMER, p.survivorId(), p.siteId(), fact,
                            c -> c.absorbing(absorbed, p.ownerRep()));
                    entries.change(EntryKind.CUSTOMER, p.absorbedId(), p.siteId(), fact, c -> c.mergedInto(p.survivorId()));
                    for (String firstVisit : java.util.Arrays.asList(survivorBefore.firstVisitId(), absorbed.firstVisitId())) {
                        if (firstVisit != null && !firstVisit.equals(survivor.firstVisitId())) {
                            entries.change(EntryKind.VISIT, firstVisit, p.siteId(), fact, visit -> visit.returning());
                        }
                    }
                }));
    }
}
