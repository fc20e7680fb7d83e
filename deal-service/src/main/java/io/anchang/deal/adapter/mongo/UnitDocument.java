package io.anchang.deal.adapter.mongo;

import io.anchang.deal.domain.Unit;
import io.anchang.deal.domain.UnitStatus;
import io.anchang.platform.money.Money;
import org.springframework.data.annotation.Id;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A unit as stored: what queries need as fields (site, building, status, the hold's expiry,
 * the small deposit's lapse, the deal), the sale in progress as JSON, amounts as exact
 * decimal strings. {@code version} is the store's: every change is conditional on it.
 */
record UnitDocument(@Id String id, String siteId, String buildingCode, String number, int floor, String layout,
                    String area, String listPrice, String orientation, String grade, String status,
                    Instant holdExpiresAt, Instant smallDepositLapsesAt, String dealId, String requestId,
                    Boolean agreementToNumber, String state, Long version) {

    static final String COLLECTION = "units";

    /** The parts of a unit that change with its sale, and the request ids of its latest writes (their repeats' answer). */
    record State(Unit.Hold hold, Unit.Reservation reservation, Unit.DepositRequest request, Unit.Sale sale, List<String> answered) {
    }

    static UnitDocument of(Unit unit, JsonMapper json) {
        return new UnitDocument(unit.id(), unit.siteId(), unit.buildingCode(), unit.number(), unit.floor(), unit.layout(),
                unit.area().toPlainString(), unit.listPrice().toString(), unit.orientation(), unit.grade(), unit.status().name(),
                unit.hold() == null ? null : unit.hold().expiresAt(),
                unit.sale() == null ? null : unit.sale().smallDepositLapsesAt(),
                unit.sale() == null ? null : unit.sale().dealId(),
                unit.request() == null ? null : unit.request().requestId(),
                unit.agreementToNumber() ? Boolean.TRUE : null,
                json.writeValueAsString(new State(unit.hold(), unit.reservation(), unit.request(), unit.sale(), unit.answered())),
                unit.version());
    }

    Unit unit(JsonMapper json) {
        State s = state == null ? new State(null, null, null, null, null) : json.readValue(state, State.class);
        return new Unit(id, siteId, buildingCode, number, floor, layout, new BigDecimal(area), Money.of(listPrice), orientation,
                grade, UnitStatus.valueOf(status), s.hold(), s.reservation(), s.request(), s.sale(), s.answered(),
                version == null ? 0 : version);
    }
}
