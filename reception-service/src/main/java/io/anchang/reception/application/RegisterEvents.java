package io.anchang.reception.application;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.events.reception.CallRegistered;
import io.anchang.platform.events.reception.CustomerLeft;
import io.anchang.platform.events.reception.CustomerSeenOff;
import io.anchang.platform.events.reception.VisitRegistered;
import io.anchang.platform.events.reception.VisitRejected;
import io.anchang.platform.events.reception.VisitServed;
import io.anchang.platform.events.reception.VisitUnfinished;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.reception.domain.Rotation;
import io.anchang.reception.domain.Visit;

import java.time.Duration;
import java.time.Instant;

/**
 * The contract events a change of a register entry causes, from the entry as the change leaves it — one mapper for the
 * registers, so that a use case reads, decides and writes, and every change of state reaches the audit trail (R-SEC-4).
 * Phones leave the service only masked, also in what the customer said (R-SEC-3).
 */
final class RegisterEvents {

    private RegisterEvents() {
    }

    /** {@code reception.visit-registered}: the walk-in written in the register and given to a rep or the queue. */
    static PendingEvent registered(Visit visit, String server, boolean turn, AttributionAnswer answer, Desk desk, String reason) {
        boolean pending = answer == null;
        return PendingEvent.of(visit.siteId(), visit.id(), new VisitRegistered(visit.id(), visit.siteId(), visit.requestId(), visit.at(),
                visit.phoneMasked(), visit.customerName(), answer == null ? null : answer.customerId(),
                server, turn, server == null, pending, answer == null ? null : answer.ruleId(),
                pending ? visit.statement().masked() : null, pending ? desk : null, visit.registeredBy())).because(reason);
    }

    /**
     * {@code reception.visit-served} of a customer a rep took from the queue (R-REC-9), with how long they waited: whether
     * it is the rep's turn, and whether the MANAGER assigned them (R-REC-8).
     */
    static PendingEvent servedFromQueue(Visit served, boolean assigned) {
        Duration waited = Duration.between(served.at(), served.servedAt());
        return PendingEvent.of(served.siteId(), served.id(), new VisitServed(served.id(), served.siteId(), served.customerId(),
                served.servedBy(), served.usedTurn(), true, waited.isNegative() ? 0 : waited.toSeconds(), served.servedAt(), assigned));
    }

    /** {@code reception.call-registered}: the call register's entry, by the rep who took it (R-REC-3). */
    static PendingEvent callRegistered(Visit call, AttributionAnswer answer, String reason) {
        boolean pending = answer == null;
        return PendingEvent.of(call.siteId(), call.id(), new CallRegistered(call.id(), call.siteId(), call.requestId(), call.at(),
                call.phoneMasked(), call.customerName(), answer == null ? null : answer.customerId(), call.registeredBy(), pending,
                call.note())).because(reason);
    }

    /** {@code reception.customer-seen-off} (送客, R-REC-2). */
    static PendingEvent seenOff(Visit after) {
        return PendingEvent.of(after.siteId(), after.id(), new CustomerSeenOff(after.id(), after.siteId(), after.servedBy(),
                after.customerId(), after.servedAt() == null ? after.at() : after.servedAt(), after.seenOffAt(), after.durationSeconds()));
    }

    /** {@code reception.customer-left} (客户离开/未接待). */
    static PendingEvent left(Visit after, Rotation.Waiting waiting, String recordedBy, String note) {
        return PendingEvent.of(after.siteId(), after.id(), new CustomerLeft(after.id(), after.siteId(), after.day(), after.customerId(),
                after.phoneMasked(), waiting.preferredRep(), after.at(), after.leftAt(), after.waitedSeconds(), recordedBy, note))
                .before(Visit.State.WAITING.name()).because("客户离开/未接待" + (note == null ? "" : "：" + note));
    }

    /** {@code reception.visit-rejected}: the registration was refused with {@code problem}; nobody serves it. */
    static PendingEvent rejected(Visit after, ProblemException problem, Instant at) {
        return PendingEvent.of(after.siteId(), after.id(), new VisitRejected(after.id(), after.siteId(), after.requestId(),
                after.phoneMasked(), after.registeredBy(), problem.type(), problem.detail(), at))
                .before(Visit.State.RECEIVING.name()).because("未登记：" + problem.detail());
    }

    /** {@code reception.visit-unfinished} (登记未完成): its day ended before the registration was completed. */
    static PendingEvent unfinished(Visit after, Instant at) {
        return PendingEvent.of(after.siteId(), after.id(), new VisitUnfinished(after.id(), after.siteId(), after.requestId(), after.day(),
                after.at(), after.phoneMasked(), after.registeredBy(), at))
                .before(Visit.State.RECEIVING.name()).because("登记未完成：登记过程中系统中断，当日未能接待或排队，请经理核实");
    }
}
