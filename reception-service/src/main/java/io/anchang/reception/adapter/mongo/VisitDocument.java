package io.anchang.reception.adapter.mongo;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.reception.domain.Visit;
import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.time.LocalDate;

/** A register entry as stored; the phone whole only while customer-service's answer is pending (R-SEC-3). */
record VisitDocument(@Id String id, String siteId, String requestId, Channel channel, String day, Instant at, String phone,
                     String phoneMasked, String customerName, Statement statement, String registeredBy, String state,
                     String servedBy, boolean usedTurn, boolean attributionPending, AttributionAnswer answer, Instant servedAt,
                     Instant seenOffAt, Long durationSeconds, String turnGivenBackTo, String note, Instant leftAt,
                     Long waitedSeconds, Desk desk, Boolean takenOver, Long version) {

    static final String COLLECTION = "visits";

    static VisitDocument of(Visit v) {
        return new VisitDocument(v.id(), v.siteId(), v.requestId(), v.channel(), v.day().toString(), v.at(), v.phone(),
                v.phoneMasked(), v.customerName(), v.statement(), v.registeredBy(), v.state().name(), v.servedBy(), v.usedTurn(),
                v.attributionPending(), v.answer(), v.servedAt(), v.seenOffAt(), v.durationSeconds(), v.turnGivenBackTo(),
                v.note(), v.leftAt(), v.waitedSeconds(), v.desk(), v.takenOverByRecovery(), null);
    }

    /** An entry stored before the takeover had a field of its own said it with {@code attributionPending} while RECEIVING. */
    Visit visit() {
        Visit.State current = Visit.State.valueOf(state);
        boolean taken = takenOver != null ? takenOver : current == Visit.State.RECEIVING && attributionPending;
        return new Visit(id, siteId, requestId, channel, LocalDate.parse(day), at, phone, phoneMasked, customerName, statement,
                registeredBy, current, servedBy, usedTurn, current != Visit.State.RECEIVING && attributionPending, answer, servedAt,
                seenOffAt, durationSeconds, turnGivenBackTo, note, leftAt, waitedSeconds, desk, taken);
    }
}
