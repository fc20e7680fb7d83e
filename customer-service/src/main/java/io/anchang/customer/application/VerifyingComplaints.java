package io.anchang.customer.application;

import io.anchang.customer.domain.Complaint;
import io.anchang.customer.domain.Customer;
import io.anchang.platform.events.customer.ComplaintVerified;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** R-ATT-6: a SUPERVISOR verifies or rejects a customer's complaint about their owner. */
public class VerifyingComplaints {

    private final Customers customers;
    private final CustomerChanges changes;
    private final Clock clock;

    public VerifyingComplaints(Customers customers, Clock clock) {
        this.customers = customers;
        this.changes = new CustomerChanges(customers);
        this.clock = clock;
    }

    /** A complaint awaiting verification, with its customer. */
    public record Pending(Customer customer, Complaint complaint) {
    }

    public Flux<Pending> awaiting(Caller caller, String site) {
        caller.requireOn(site, Role.SUPERVISOR);
        return customers.withPendingComplaints(caller.scope(), site)
                .flatMapIterable(c -> c.complaints().stream().filter(Complaint::pending).map(k -> new Pending(c, k)).toList());
    }

    public Mono<Pending> check(Caller caller, String site, String complaintId, boolean verified, String note) {
        caller.requireOn(site, Role.SUPERVISOR);
        return changes.change(caller, () -> customers.byComplaint(caller.scope(), site, complaintId),
                () -> ProblemException.notFound("complaint-unknown", "没有这条投诉 (No complaint " + complaintId + ")"),
                c -> c.complaintChecked(complaintId, verified, caller.userId(), clock.instant(), note),
                (before, after) -> {
                    Complaint checked = after.complaint(complaintId).orElseThrow();
                    List<PendingEvent> events = new ArrayList<>(CustomerEvents.registeredOrChanged(before, after, clock.instant(), "R-ATT-6"));
                    events.add(PendingEvent.of(site, after.id(), new ComplaintVerified(complaintId, site, after.id(), after.archiveNo(),
                            checked.against(), checked.lodgedBy(), verified, caller.userId(), note, clock.instant()))
                            .because((verified ? "投诉属实" : "投诉不成立") + (note == null ? "" : "：" + note)));
                    return events;
                }).map(c -> new Pending(c, c.complaint(complaintId).orElseThrow()));
    }
}
