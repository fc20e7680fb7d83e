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
 * @param phone              the number as E.164, kept only until customer-service has the answer ({@link #forgetPhone()}):
 *                           it leaves reception only in the question to customer-service, never in an event, a view or a
 *                           log (R-SEC-3); {@code phoneMasked} is what people see
 * @param statement          what the customer said; its phones whole, like {@code phone}, only until answered
 * @param servedBy           who serves; while RECEIVING, the rep the desk already handed the customer to from the queue
 *                           ({@link #handedOver()})
 * @param usedTurn           whether it is the server's turn (the rotation's, or their own when asked for by name, R-REC-6)
 * @param attributionPending whether customer-service's answer is still to come
 * @param answer             what customer-service answered, or null while pending
 * @param turnGivenBackTo    the rep whose turn this visit gave back (R-ATT-10, reconciliation)
 * @param leftAt             when a waiting customer left without being served
 * @param waitedSeconds      how long they had waited in the queue then
 * @param desk               the desk at the moment of a visit registered without an answer (degraded mode), for asking
 *                           customer-service again; null once answered
 * @param takenOverByRecovery while RECEIVING: a recovery has taken the registration over ({@link #takenOver()}) and completes
 *                           it, attribution pending; the process that began it no longer writes it
 */
public record Visit(String id, String siteId, String requestId, Channel channel, LocalDate day, Instant at, String phone,
                    String phoneMasked, String customerName, Statement statement, String registeredBy, State state,
                    String servedBy, boolean usedTurn, boolean attributionPending, AttributionAnswer answer,
                    Instant servedAt, Instant seenOffAt, Long durationSeconds, String turnGivenBackTo, String note,
                    Instant leftAt, Long waitedSeconds, Desk desk, boolean takenOverByRecovery) {

    /** Where an entry of the register stands. */
    public enum State {
        /** being registered: neither placed in the register nor closed yet */
        RECEIVING("正在登记"),
        /** a rep serves the customer */
        SERVING("接待中"),
        /** the customer waits in the desk's queue (R-REC-9) */
        WAITING("等候中"),
        /** 送客: the reception is over, its duration recorded (R-REC-2) */
        SEEN_OFF("已送客"),
        /** 客户离开/未接待: left the queue without being served */
        LEFT("已离开（未接待）"),
        /** an inbound call, in the call register */
        CALL("来电"),
        /** the registration was refused */
        REJECTED("未登记"),
        /** 登记未完成: the registration was interrupted and its day ended before it was completed; the manager settles it */
        UNFINISHED("登记未完成");

        private final String chinese;

        State(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /** The visit id a request id gives: the same request sent twice is the same visit (idempotency). */
    public static String idFor(String site, Channel channel, String requestId) {
        return UUID.nameUUIDFromBytes((channel + ":" + site + ":" + requestId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static Visit receiving(String id, String site, String requestId, Channel channel, LocalDate day, Instant at,
                                  String phone, String phoneMasked, String name, Statement statement, String by, String note) {
        return new Visit(id, site, requestId, channel, day, at, phone, phoneMasked, name, statement, by, State.RECEIVING,
                null, false, false, null, null, null, null, null, note, null, null, null, false);
    }

    /** Registered without an answer (degraded mode): the desk of that moment is kept to ask customer-service again. */
    public Visit awaitingAnswer(Desk deskThen) {
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy, state,
                servedBy, usedTurn, attributionPending, answer, servedAt, seenOffAt, durationSeconds, turnGivenBackTo, note, leftAt,
                waitedSeconds, deskThen, takenOverByRecovery);
    }

    /**
     * R-SEC-3: customer-service has the answer, so the register keeps the phone only masked — in the entry and in what
     * the customer said — and no desk to ask again with.
     */
    public Visit forgetPhone() {
        return new Visit(id, siteId, requestId, channel, day, at, null, phoneMasked, customerName,
                statement == null ? null : statement.masked(), registeredBy, state, servedBy, usedTurn, attributionPending, answer,
                servedAt, seenOffAt, durationSeconds, turnGivenBackTo, note, leftAt, waitedSeconds, null, takenOverByRecovery);
    }

    /** Whether customer-service can still be asked about this entry: its answer is pending and the phone is kept for it. */
    public boolean askable() {
        return attributionPending && phone != null && !receiving() && state != State.REJECTED && state != State.UNFINISHED;
    }

    /** Still being registered: begun (RECEIVING), neither placed in the register nor closed yet. */
    public boolean receiving() {
        return state == State.RECEIVING;
    }

    /** A rep serves the customer now. */
    public boolean serving() {
        return state == State.SERVING;
    }

    /**
     * A recovery takes the registration over (RecoveringWalkIns): it completes it, attribution pending; the process
     * that began it no longer writes it.
     */
    public Visit takenOver() {
        requireReceiving();
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy, state,
                servedBy, usedTurn, attributionPending, answer, servedAt, seenOffAt, durationSeconds, turnGivenBackTo, note, leftAt,
                waitedSeconds, desk, true);
    }

    /** Whether a recovery has taken the registration over ({@link #takenOver()}) and it is still to be completed. */
    public boolean isTakenOver() {
        return receiving() && takenOverByRecovery;
    }

    /**
     * A waiting customer goes to {@code rep} (R-REC-9): served from {@code when}. An entry still RECEIVING — the desk queued
     * the customer and handed them over before the registration wrote the entry — keeps the hand-over for the
     * registration to write, after its own event ({@link #handedOver()}).
     */
    public Visit pickedUp(String rep, boolean turn, Instant when) {
        if (receiving()) {
            return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                    state, rep, turn, attributionPending, answer, when, null, null, turnGivenBackTo, note, null, null, desk, takenOverByRecovery);
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
        return state == State.WAITING || receiving() && servedBy == null;
    }

    /**
     * 登记未完成: the registration was interrupted and its day is over; the register keeps the entry, attribution pending,
     * for the manager to settle. Nobody serves it and it waits nowhere.
     */
    public Visit unfinished() {
        requireReceiving();
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                State.UNFINISHED, null, false, true, null, null, null, null, turnGivenBackTo, note, null, null, desk, false);
    }

    private void requireReceiving() {
        if (!receiving()) {
            throw new IllegalStateException("visit " + id + " is " + state + ", no longer being registered");
        }
    }

    public Visit served(String rep, boolean turn, boolean pending, AttributionAnswer answer, Instant when) {
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                channel == Channel.CALL ? State.CALL : State.SERVING, rep, turn, pending, answer, when, null, null, turnGivenBackTo,
                note, null, null, desk, false);
    }

    public Visit waiting(boolean pending, AttributionAnswer answer) {
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                State.WAITING, null, false, pending, answer, null, null, null, turnGivenBackTo, note, null, null, desk, false);
    }

    public Visit rejected() {
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                State.REJECTED, null, false, false, null, null, null, null, null, note, null, null, desk, false);
    }

    /** 送客: the reception ended and took this long (R-REC-2). */
    public Visit seenOff(Instant when) {
        Instant start = servedAt == null ? at : servedAt;
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                State.SEEN_OFF, servedBy, usedTurn, attributionPending, answer, servedAt, when,
                Duration.between(start, when).toSeconds(), turnGivenBackTo, note, null, null, desk, false);
    }

    /**
     * customer-service's answer arrived or changed (reconciliation). An entry still RECEIVING keeps whether a recovery has
     * taken it over ({@link #isTakenOver()}): its registration writes the answer it had.
     */
    public Visit attributed(AttributionAnswer newAnswer, String givenBackTo) {
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                state, servedBy, usedTurn, false, newAnswer, servedAt, seenOffAt,
                durationSeconds, turnGivenBackTo != null ? turnGivenBackTo : givenBackTo, note, leftAt, waitedSeconds, desk, takenOverByRecovery);
    }

    /**
     * 客户离开/未接待: the customer left the queue at {@code when} after waiting {@code waited}; the entry stays in the
     * register (R-REC-3), marked as left. Only a waiting customer can leave.
     */
    public Visit left(Instant when, Duration waited) {
        requireWaiting();
        return new Visit(id, siteId, requestId, channel, day, at, phone, phoneMasked, customerName, statement, registeredBy,
                State.LEFT, null, false, attributionPending, answer, null, null, null, turnGivenBackTo, note, when, waited.toSeconds(), desk,
                false);
    }

    /** Refuses, with a problem the desk understands, unless the customer waits in the queue. */
    public void requireWaiting() {
        if (state != State.WAITING) {
            throw ProblemException.conflict("not-waiting", "这位客户目前是“" + stateName() + "”，不在等候队列中，不能登记为离开 (Visit "
                    + id + " is " + state + ", not waiting)");
        }
    }

    /** The state as the register shows it to the desk. */
    public String stateName() {
        return state.chinese();
    }

    public String customerId() {
        return answer == null ? null : answer.customerId();
    }

    /** How the customer appears on the board: archive number and masked phone. */
    public String customerLabel() {
        return (answer != null && answer.archiveNo() != null ? answer.archiveNo() + " " : "") + phoneMasked
                + (customerName == null || customerName.isBlank() ? "" : " " + customerName);
    }
    /**
     * Whether a registration sent with this entry's request id asks for what this entry registered: the same channel, the
     * same customer (the whole phone while the entry still keeps it, else its masked form), name, statement, registrar and
     * note. A repeat that asks for something else reuses the id for another request (R-REC-3: every reception is
     * registered — the second customer must not be answered with the first one's entry); what the entry no longer keeps
     * is not compared, so an entry written before a field existed still answers its repeats.
     */
    public boolean registers(Visit request) {
        return channel == request.channel
                && (phone == null || request.phone == null ? java.util.Objects.equals(phoneMasked, request.phoneMasked)
                : phone.equals(request.phone))
                && java.util.Objects.equals(customerName, request.customerName)
                && (statement == null || request.statement == null || statement.masked().equals(request.statement.masked()))
                && java.util.Objects.equals(registeredBy, request.registeredBy)
                && java.util.Objects.equals(note, request.note);
    }

    /**
     * 409 for a request id already used for another registration (R-REC-3): nothing is written. It names the entry that
     * stands — the desk whose answer was lost and who then changed the form learns that the first one was registered.
     */
    public ProblemException reused() {
        return new ProblemException(409, "request-id-reused", "Conflict", "这个请求编号已用于另一份登记（" + phoneMasked + "，" + at
                + " 登记），那份登记有效；如这是另一位客户，请重新提交 (This requestId was already used for the registration of "
                + phoneMasked + " at " + at + ", which stands; if this is another customer, submit again)",
                java.util.Map.of("visitId", id, "phone", phoneMasked, "at", at.toString()));
    }
}
