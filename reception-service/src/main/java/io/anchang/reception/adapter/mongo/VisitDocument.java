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
                     Long waitedSeconds, Desk desk, Long version) {

    static final String COLLECTION = "visits";

    static VisitDocument of(Visit v) {
        return new VisitDocument(v.id(), v.siteId(), v.requestId(), v.channel(), v.day().toString(), v.at(), v.phone(),
                v.phoneMasked(), v.customerName(), v.statement(), v.registeredBy(), v.state(), v.servedBy(), v.usedTurn(),
                v.attributionPending(), v.answer(), v.servedAt(), v.seenOffAt(), v.durationSeconds(), v.turnGivenBackTo(),
                v.note(), v.leftAt(), v.waitedSeconds(), v.desk(), null);
    }

    Visit visit() {
        return new Visit(id, siteId, requestId, channel, LocalDate.parse(day), at, phone, phoneMasked, customerName, statement,
                registeredBy, state, servedBy, usedTurn, attributionPending, answer, servedAt, seenOffAt, durationSeconds,
                turnGivenBackTo, note, leftAt, waitedSeconds, desk);
    }
}
