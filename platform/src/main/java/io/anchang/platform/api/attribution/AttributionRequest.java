package io.anchang.platform.api.attribution;

import java.time.Instant;

/**
 * reception-service asks customer-service: this phone called or walked in; resolve the
 * customer (R-CUS-3) and apply the attribution rules (R-ATT) to this visit, once. Only
 * reception-service's own identity may ask ({@link AttributionApi}): every field is what
 * reception vouches for — never a user's say (R-SEC-1).
 *
 * @param visitId         chosen by the desk from its request id: the same visit asked twice is applied once
 * @param phone           the number as the desk entered it; it leaves reception only in this call (R-SEC-3)
 * @param at              when the visit or call was registered, by reception's clock
 * @param receivedBy      the user who registers it (for a call: the rep who took it, R-REC-3)
 * @param alreadyServedBy set when the visit was already served without an answer (degraded mode): that rep stays (R-ATT-3)
 * @param turnAlreadyUsed whether the desk already charged {@code alreadyServedBy} a rotation turn
 * @param actingUser      the signed-in user on whose behalf reception asks (the desk user), or null for reception's own
 *                        background work (reconciling a visit registered in degraded mode); the audit trail names them
 */
public record AttributionRequest(String visitId, Channel channel, String phone, String customerName, Instant at,
                                 String receivedBy, Statement statement, Desk desk, String alreadyServedBy,
                                 Boolean turnAlreadyUsed, String actingUser) {

    public AttributionRequest {
        turnAlreadyUsed = Boolean.TRUE.equals(turnAlreadyUsed);
        statement = statement == null ? Statement.none() : statement;
        desk = desk == null ? new Desk(null, false, java.util.List.of()) : desk;
    }

    /** A question asked for nobody in particular: reception's own work, or the rules applied within customer-service. */
    public AttributionRequest(String visitId, Channel channel, String phone, String customerName, Instant at, String receivedBy,
                              Statement statement, Desk desk, String alreadyServedBy, Boolean turnAlreadyUsed) {
        this(visitId, channel, phone, customerName, at, receivedBy, statement, desk, alreadyServedBy, turnAlreadyUsed, null);
    }
}
