package io.anchang.platform.api.attribution;

import java.time.Instant;

/**
 * reception-service asks customer-service: this phone called or walked in; resolve the
 * customer (R-CUS-3) and apply the attribution rules (R-ATT) to this visit, once.
 *
 * @param visitId         chosen by the desk from its request id: the same visit asked twice is applied once
 * @param receivedBy      the user who registers it (for a call: the rep who took it, R-REC-3)
 * @param alreadyServedBy set when the visit was already served without an answer (degraded mode): that rep stays (R-ATT-3)
 * @param turnAlreadyUsed whether the desk already charged {@code alreadyServedBy} a rotation turn
 */
public record AttributionRequest(String visitId, Channel channel, String phone, String customerName, Instant at,
                                 String receivedBy, Statement statement, Desk desk, String alreadyServedBy,
                                 Boolean turnAlreadyUsed) {

    public AttributionRequest {
        turnAlreadyUsed = Boolean.TRUE.equals(turnAlreadyUsed);
        statement = statement == null ? Statement.none() : statement;
        desk = desk == null ? new Desk(null, false, java.util.List.of()) : desk;
    }
}
