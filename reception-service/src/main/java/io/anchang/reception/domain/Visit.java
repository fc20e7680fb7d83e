package io.anchang.reception.domain;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An entry of the visitor register (来人登记表) or the call register (来电登记表), R-REC-3: who
 * came or called, when, what they said, who served them and for how long, and the answer of
 * the attribution rules — or that the answer is pending (flow 1, degraded mode).
 *
 * @param state            RECEIVING (being decided), SERVING, WAITING (in the queue), SEEN_OFF, LEFT (客户离开/未接待:
 *                         left the queue without being served), CALL, REJECTED, UNFINISHED (登记未完成: its registration was
 *                         interrupted and its day ended before it was completed; the manager settles it)
 * @param phone            the number as E.164, kept only until customer-service has the answer ({@link #forgetPhone()}):
 *                         it leaves reception only in the question to customer-service, never in an event, a view or a
 *                         log (R-SEC-3); {@code phoneMasked} is what people see
 * @param statement        what the customer said; its phones whole, like {@code phone}, only until answered
 * @param servedBy         who serves; while RECEIVING, the rep the desk already handed the customer to from the queue
 *                         ({@link #handedOver()})
 * @param attributionPending whether customer-service's answer is still to come; while RECEIVING: whether a recovery has
 *                         taken the registration over ({@link #isTakenOver()}), which completes it pending
 * @param answer           what customer-service answered, or null while pending
 * @param turnGivenBackTo  the rep whose turn this visit gave back (R-ATT-10, reconciliation)
 * @param leftAt           when a waiting customer left without being served
 * @param waitedSeconds    how long they had waited in the queue then
 * @param desk             the desk at the moment of a visit registered without an answer (degraded mode), for asking
 *                         customer-service again; null once answered
 */
public record Visit(String id, String siteId, String requestId, Channel channel, LocalDate day, Instant at, String phone,
                    String phoneMasked, String customerName, Statement statement, String registeredBy, String state,
                    String servedBy, boolean usedTurn, boolean attributionPending, AttributionAnswer answer,
                    Instant servedAt, Instant seenOffAt, Long durationSeconds, String turnGivenBackTo, String note,
                    Instant leftAt, Long waitedSeconds, Desk desk) {

    /** The visit id a request id gives: the same request sent twice is the same visit (idempotency). */
    public static String idFor(String site, Channel channel, String requestId) {
        return UUID.nameUUIDFromBytes((channel + ":" + site + ":" + requestId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static Visit receiving(String id, String site, String requestId, Channel channel, LocalDate day, Instant at,
                                  String phone, String phoneMasked, String name, Statement statement, String by, String note) {
        return new Visit(id, site, requestId, channel, day, at, phone, phoneMasked, name, statement, by, "RECEIVING",
                null, false, false, null, null, null, null, null, note, null, null, null);
    }

    /** Registered without an answer (degraded mode): the desk of that moment is kept to ask customer-service again. */
    public Visit awaitingAnswer(Desk deskThen) {
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy, state,
                servedBy, usedTurn, attributionPending, answer, servedAt, seenOffAt, durationSeconds, turnGivenBackTo, note, leftAt,
                waitedSeconds, deskThen);
    }

    /**
     * R-SEC-3: customer-service has the answer, so the register keeps the phone only masked — in the entry and in what
     * the customer said — and no desk to ask again with.
     */
    public Visit forgetPhone() {
        return new Visit(id, siteId, requestId, channel, day, at, null, phoneMasked, customerName,
                statement == null ? null : statement.masked(), registeredBy, state, servedBy, usedTurn, attributionPending, answer,
                servedAt, seenOffAt, durationSeconds, turnGivenBackTo, note, leftAt, waitedSeconds, null);
    }

    /** Whether customer-service can still be asked about this entry: its answer is pending and the phone is kept for it. */
    public boolean askable() {
        return attributionPending && phone != null && !receiving() && !"REJECTED".equals(state) && !"UNFINISHED".equals(state);
    }

    /** Still being registered: begun (RECEIVING), neither placed in the register nor closed yet. */
    public boolean receiving() {
        return "RECEIVING".equals(state);
    }

    /**
     * A recovery takes the registration over (RecoveringWalkIns): it completes it, attribution pending; the process
     * that began it no longer writes it.
     */
    public Visit takenOver() {
        requireReceiving();
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy, state,
                servedBy, usedTurn, true, answer, servedAt, seenOffAt, durationSeconds, turnGivenBackTo, note, leftAt, waitedSeconds, desk);
    }

    /** Whether a recovery has taken the registration over ({@link #takenOver()}). */
    public boolean isTakenOver() {
        return receiving() && attributionPending;
    }

    /**
     * A waiting customer goes to {@code rep} (R-REC-9): served from {@code when}. An entry still RECEIVING — the desk queued
     * the customer and handed them over before the registration wrote the entry — keeps the hand-over for the
     * registration to write, after its own event ({@link #handedOver()}).
     */
    public Visit pickedUp(String rep, boolean turn, Instant when) {
        if (receiving()) {
            return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                    state, rep, turn, attributionPending, answer, when, null, null, turnGivenBackTo, note, null, null, desk);
        }
        requireWaiting();
        return served(rep, turn, attributionPending, answer, when);
    }

    /** Whether the desk handed this customer, still being registered, from the queue to a rep ({@link #pickedUp}). */
    public boolean handedOver() {
        return receiving() && servedBy != null;
    }

    /** Whether the customer still waits for a rep: in the queue, or queued and not yet written in the register. */
    public boolean awaitsRep() {
        return "WAITING".equals(state) || receiving() && servedBy == null;
    }

    /**
     * 登记未完成: the registration was interrupted and its day is over; the register keeps the entry, attribution pending,
     * for the manager to settle. Nobody serves it and it waits nowhere.
     */
    public Visit unfinished() {
        requireReceiving();
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                "UNFINISHED", null, false, true, null, null, null, null, turnGivenBackTo, note, null, null, desk);
    }

    private void requireReceiving() {
        if (!receiving()) {
            throw new IllegalStateException("visit " + id + " is " + state + ", no longer being registered");
        }
    }

    public Visit served(String rep, boolean turn, boolean pending, AttributionAnswer answer, Instant when) {
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                channel == Channel.CALL ? "CALL" : "SERVING", rep, turn, pending, answer, when, null, null, turnGivenBackTo, note,
                null, null, desk);
    }

    public Visit waiting(boolean pending, AttributionAnswer answer) {
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                "WAITING", null, false, pending, answer, null, null, null, turnGivenBackTo, note, null, null, desk);
    }

    public Visit rejected() {
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                "REJECTED", null, false, false, null, null, null, null, null, note, null, null, desk);
    }

    /** 送客: the reception ended and took this long (R-REC-2). */
    public Visit seenOff(Instant when) {
        Instant start = servedAt == null ? at : servedAt;
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                "SEEN_OFF", servedBy, usedTurn, attributionPending, answer, servedAt, when,
                Duration.between(start, when).toSeconds(), turnGivenBackTo, note, null, null, desk);
    }

    /**
     * customer-service's answer arrived or changed (reconciliation). An entry still RECEIVING keeps saying whether a
     * recovery has taken it over ({@link #isTakenOver()}): its registration writes the answer it had.
     */
    public Visit attributed(AttributionAnswer newAnswer, String givenBackTo) {
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                state, servedBy, usedTurn, receiving() && attributionPending, newAnswer, servedAt, seenOffAt, durationSeconds,
                turnGivenBackTo != null ? turnGivenBackTo : givenBackTo, note, leftAt, waitedSeconds, desk);
    }

    /**
     * 客户离开/未接待: the customer left the queue at {@code when} after waiting {@code waited}; the entry stays in the
     * register (R-REC-3), marked as left. Only a waiting customer can leave.
     */
    public Visit left(Instant when, Duration waited) {
        requireWaiting();
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                "LEFT", null, false, attributionPending, answer, null, null, null, turnGivenBackTo, note, when, waited.toSeconds(), desk);
    }

    /** Refuses, with a problem the desk understands, unless the customer waits in the queue. */
    public void requireWaiting() {
        if (!"WAITING".equals(state)) {
            throw ProblemException.conflict("not-waiting", "这位客户目前是“" + stateName() + "”，不在等候队列中，不能登记为离开 (Visit "
                    + id + " is " + state + ", not waiting)");
        }
    }

    /** The state as the register shows it to the desk. */
    public String stateName() {
        return switch (state) {
            case "RECEIVING" -> "正在登记";
            case "SERVING" -> "接待中";
            case "WAITING" -> "等候中";
            case "SEEN_OFF" -> "已送客";
            case "LEFT" -> "已离开（未接待）";
            case "CALL" -> "来电";
            case "REJECTED" -> "未登记";
            case "UNFINISHED" -> "登记未完成";
            default -> state;
        };
    }

    public String customerId() {
        return answer == null ? null : answer.customerId();
    }

    /** How the customer appears on the board: archive number and masked phone. */
    public String customerLabel() {
        return (answer != null && answer.archiveNo() != null ? answer.archiveNo() + " " : "") + phoneMasked
                + (customerName == null || customerName.isBlank() ? "" : " " + customerName);
    }
}
