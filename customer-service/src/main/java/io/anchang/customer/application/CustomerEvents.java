package io.anchang.customer.application;

import io.anchang.customer.domain.Absorbed;
import io.anchang.customer.domain.Claim;
import io.anchang.customer.domain.Credit;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.DealCredit;
import io.anchang.customer.domain.FollowUp;
import io.anchang.customer.domain.Merge;
import io.anchang.customer.domain.VisitRecord;
import io.anchang.platform.events.customer.ComplaintLodged;
import io.anchang.platform.events.customer.CustomerOwnerChanged;
import io.anchang.platform.events.customer.CustomerRegistered;
import io.anchang.platform.events.customer.CustomersMerged;
import io.anchang.platform.events.customer.DisputeOpened;
import io.anchang.platform.events.customer.FollowUpChecked;
import io.anchang.platform.events.customer.FollowUpRecorded;
import io.anchang.platform.events.customer.MergeBegun;
import io.anchang.platform.events.customer.PhoneAdded;
import io.anchang.platform.events.customer.VisitAttributed;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.phone.Phone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                visit.previousOwner(), visit.ruleId(), visit.rule(), credit.shares(), visit.turnGivenBackTo(), visit.at(), visit.namedTurnOf()))
                .because(visit.ruleId() + " " + visit.rule());
    }

    /**
     * R-CUS-3 merge step 2: {@code absorbed} was folded into the survivor ({@code before} → {@code after}).
     * The audit trail (R-SEC-4) keeps both records as they were, phones masked, and the MANAGER's reason.
     */
    static List<PendingEvent> merged(Customer before, Customer after, Customer absorbed) {
        Merge merge = absorbed.merge();
        Absorbed folded = after.absorbed().stream().filter(a -> a.mergeId().equals(merge.id())).findFirst().orElseThrow();
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("survivor", summary(before));
        was.put("absorbed", summary(absorbed));
        List<PendingEvent> events = new ArrayList<>();
        events.add(PendingEvent.of(after.siteId(), after.id(), new CustomersMerged(merge.id(), after.siteId(), after.id(),
                after.archiveNo(), absorbed.id(), absorbed.archiveNo(), after.registeredAt(), maskedAll(after),
                after.owner().orElse(null), absorbed.owner().orElse(null), folded.disputeId(), merge.by(), merge.reason(),
                merge.at())).before(was).because("R-CUS-3 " + merge.reason()));
        events.addAll(registeredOrChanged(before, after, merge.at(), "R-CUS-3 并入档案 " + absorbed.archiveNo()));
        return events;
    }

    /** R-CUS-3 merge step 1: {@code marked} is frozen to be merged into the survivor; the trail keeps who and why (R-SEC-4). */
    static List<PendingEvent> mergeBegun(Customer marked) {
        Merge merge = marked.merge();
        return List.of(PendingEvent.of(marked.siteId(), marked.id(), new MergeBegun(merge.id(), marked.siteId(), marked.id(),
                marked.archiveNo(), merge.into(), merge.by(), merge.reason(), merge.at())).before(summary(marked))
                .because("R-CUS-3 " + merge.reason()));
    }

    /** R-ATT-16: the disputes opened ({@code before} → {@code after}), each with its parties and reason (R-SEC-4). */
    static List<PendingEvent> disputesOpened(Customer before, Customer after) {
        List<PendingEvent> events = new ArrayList<>();
        after.disputes().stream().filter(d -> before.dispute(d.id()).isEmpty()).forEach(d -> events.add(PendingEvent.of(after.siteId(),
                after.id(), new DisputeOpened(d.id(), after.siteId(), after.id(), after.archiveNo(), d.parties(), d.openedBy(),
                        d.reason(), d.openedAt())).because("R-ATT-16 " + d.reason())));
        return events;
    }

    /** R-CUS-3 merge step 3: the absorbed record, now a tombstone, is nobody's customer any more. */
    static List<PendingEvent> mergedAway(Customer before, Customer after) {
        String previous = before.owner().orElse(null);
        if (previous == null) {
            return List.of();
        }
        Merge merge = after.merge();
        return List.of(PendingEvent.of(after.siteId(), after.id(), new CustomerOwnerChanged(after.id(), after.siteId(), null,
                previous, "R-CUS-3", merge.at())).before(previous).because("R-CUS-3 档案并入 " + merge.into() + "：" + merge.reason()));
    }

    private static Map<String, Object> summary(Customer customer) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("customerId", customer.id());
        summary.put("archiveNo", customer.archiveNo());
        summary.put("registeredAt", customer.registeredAt().toString());
        summary.put("phones", maskedAll(customer));
        summary.put("owner", customer.owner().orElse(null));
        summary.put("visits", customer.visits().size());
        summary.put("claims", customer.claims().size());
        summary.put("deals", customer.deals().stream().map(DealCredit::dealId).toList());
        return summary;
    }

    static List<String> maskedAll(Customer customer) {
        return customer.phones().stream().map(phone -> new Phone(phone).masked()).toList();
    }

    static List<PendingEvent> complaintsLodged(Customer before, Customer after) {
        List<PendingEvent> events = new ArrayList<>();
        after.complaints().stream()
                .filter(c -> before == null || before.complaint(c.id()).isEmpty())
                .forEach(c -> events.add(PendingEvent.of(after.siteId(), after.id(), new ComplaintLodged(c.id(), after.siteId(),
                        after.id(), after.archiveNo(), c.against(), c.lodgedBy(), c.text(), c.at())).because("R-ATT-6")));
        return events;
    }

    /** R-CUS-3: {@code by} added {@code e164} to the customer; the trail keeps the phones before and after, masked (R-SEC-3). */
    static List<PendingEvent> phoneAdded(Customer before, Customer after, String e164, String by, Instant at) {
        return List.of(PendingEvent.of(after.siteId(), after.id(), new PhoneAdded(after.id(), after.siteId(), after.archiveNo(),
                new Phone(e164).masked(), maskedAll(after), by, at)).before(maskedAll(before)).because("R-CUS-3"));
    }

    /** R-ATT-12: the follow-ups recorded ({@code before} → {@code after}), and those a SUPERVISOR checked. */
    static List<PendingEvent> followUps(Customer before, Customer after) {
        List<PendingEvent> events = new ArrayList<>();
        for (FollowUp f : after.followUps()) {
            FollowUp was = before.followUps().stream().filter(b -> b.number() == f.number()).findFirst().orElse(null);
            if (was == null) {
                events.add(PendingEvent.of(after.siteId(), after.id(), new FollowUpRecorded(after.id(), after.siteId(),
                        after.archiveNo(), f.number(), f.rep(), f.method(), f.note(), f.at())).because("R-ATT-12"));
            }
            if (f.checkedBy() != null && (was == null || was.checkedBy() == null)) {
                events.add(PendingEvent.of(after.siteId(), after.id(), new FollowUpChecked(after.id(), after.siteId(),
                        after.archiveNo(), f.number(), f.rep(), f.checkedBy(), f.checkedAt())).before("UNCHECKED")
                        .because("R-ATT-12 R-ATT-2"));
            }
        }
        return events;
    }
}
