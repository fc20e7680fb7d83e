package io.anchang.customer.application;

import io.anchang.customer.domain.Claim;
import io.anchang.customer.domain.Credit;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.VisitRecord;
import io.anchang.platform.events.customer.ComplaintLodged;
import io.anchang.platform.events.customer.CustomerOwnerChanged;
import io.anchang.platform.events.customer.CustomerRegistered;
import io.anchang.platform.events.customer.VisitAttributed;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.phone.Phone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The contract events a change of a customer causes; phones leave this service masked (R-SEC-3). */
final class CustomerEvents {

    private CustomerEvents() {
    }

    static String masked(Customer customer) {
        return customer.phones().isEmpty() ? null : new Phone(customer.phones().get(0)).masked();
    }

    static List<PendingEvent> registeredOrChanged(Customer before, Customer after, Instant at, String reason) {
        List<PendingEvent> events = new ArrayList<>();
        if (before == null) {
            events.add(PendingEvent.of(after.siteId(), after.id(), new CustomerRegistered(after.id(), after.siteId(),
                    after.archiveNo(), after.name(), masked(after), after.source(), after.owner().orElse(null), after.registeredAt())));
        }
        String previous = before == null ? null : before.owner().orElse(null);
        String now = after.owner().orElse(null);
        if (!Objects.equals(previous, now) && (before != null || now != null)) {
            events.add(PendingEvent.of(after.siteId(), after.id(), new CustomerOwnerChanged(after.id(), after.siteId(), now, previous,
                    after.currentClaim().map(Claim::ruleId).orElse(null), at)).before(previous).because(reason));
        }
        return events;
    }

    static PendingEvent attributed(Customer after, VisitRecord visit, Credit credit) {
        return PendingEvent.of(after.siteId(), after.id(), new VisitAttributed(visit.visitId(), after.siteId(), after.id(),
                after.archiveNo(), masked(after), visit.server(), visit.role(), visit.usesTurn(), after.owner().orElse(null),
                visit.previousOwner(), visit.ruleId(), visit.rule(), credit.shares(), visit.turnGivenBackTo(), visit.at()))
                .because(visit.ruleId() + " " + visit.rule());
    }

    static List<PendingEvent> complaintsLodged(Customer before, Customer after) {
        List<PendingEvent> events = new ArrayList<>();
        after.complaints().stream()
                .filter(c -> before == null || before.complaint(c.id()).isEmpty())
                .forEach(c -> events.add(PendingEvent.of(after.siteId(), after.id(), new ComplaintLodged(c.id(), after.siteId(),
                        after.id(), after.archiveNo(), c.against(), c.lodgedBy(), c.text(), c.at())).because("R-ATT-6")));
        return events;
    }
}
