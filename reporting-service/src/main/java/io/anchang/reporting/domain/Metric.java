package io.anchang.reporting.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the reports count. Every value is a whole number: counts, money in fen (分, R-FIN-6:
 * exact, never floating point), areas in hundredths of a square metre, credit in ten-thousandths
 * of a unit (0.5 套 = 5000). Sums of them are exact, so any period is the sum of its parts.
 */
public enum Metric {
    CALLS("calls", Unit.COUNT),
    VISITS("visits", Unit.COUNT),
    FIRST_VISITS("firstVisits", Unit.COUNT),
    RETURN_VISITS("returnVisits", Unit.COUNT),
    LEFT("left", Unit.COUNT),
    RECEPTIONS("receptions", Unit.COUNT),
    RECEPTION_SECONDS("receptionSeconds", Unit.COUNT),
    NEW_CUSTOMERS("newCustomers", Unit.COUNT),
    HOLDS("holds", Unit.COUNT),
    SMALL_DEPOSITS("smallDeposits", Unit.COUNT),
    SMALL_DEPOSIT_FEN("smallDepositFen", Unit.FEN),
    SMALL_LAPSED("smallLapsed", Unit.COUNT),
    BIG_DEPOSITS("bigDeposits", Unit.COUNT),
    SUBSCRIBED_FEN("subscribedFen", Unit.FEN),
    SUBSCRIBED_AREA("subscribedArea", Unit.AREA),
    CONTRACTS("contracts", Unit.COUNT),
    CONTRACTED_FEN("contractedFen", Unit.FEN),
    CONTRACTED_AREA("contractedArea", Unit.AREA),
    CANCELLED("cancelled", Unit.COUNT),
    CANCELLED_FEN("cancelledFen", Unit.FEN),
    COLLECTED_FEN("collectedFen", Unit.FEN),
    REFUND_DUE_FEN("refundDueFen", Unit.FEN),
    /** R-FIN-4: refunds FINANCE paid out (a reversed voucher's negative amount on its own day), money out. */
    REFUNDED_FEN("refundedFen", Unit.FEN),
    /** R-ATT-17 shares of deals whose contract is not signed yet: provisional. */
    CREDIT_PROVISIONAL("creditP", Unit.CREDIT),
    CREDIT_FEN_PROVISIONAL("creditFenP", Unit.FEN),
    BONUS_FEN_PROVISIONAL("bonusFenP", Unit.FEN),
    SHARES_PROVISIONAL("sharesP", Unit.COUNT),
    /** R-ATT-17 shares of contracted deals: final. */
    CREDIT_FINAL("creditF", Unit.CREDIT),
    CREDIT_FEN_FINAL("creditFenF", Unit.FEN),
    BONUS_FEN_FINAL("bonusFenF", Unit.FEN),
    SHARES_FINAL("sharesF", Unit.COUNT),
    /** R-ATT-17 shares of deals refunded or cancelled for breach: reversed, kept apart. */
    CREDIT_REVERSED("creditR", Unit.CREDIT),
    CREDIT_FEN_REVERSED("creditFenR", Unit.FEN),
    BONUS_FEN_REVERSED("bonusFenR", Unit.FEN),
    SHARES_REVERSED("sharesR", Unit.COUNT),
    // the stock of units (销控), a snapshot rather than a period's flow
    UNITS("units", Unit.COUNT),
    UNITS_AVAILABLE("unitsAvailable", Unit.COUNT),
    UNITS_HELD("unitsHeld", Unit.COUNT),
    UNITS_RESERVED("unitsReserved", Unit.COUNT),
    UNITS_SMALL_DEPOSIT("unitsSmallDeposit", Unit.COUNT),
    UNITS_BIG_DEPOSIT("unitsBigDeposit", Unit.COUNT),
    UNITS_CONTRACTED("unitsContracted", Unit.COUNT),
    AREA("area", Unit.AREA),
    LIST_FEN("listFen", Unit.FEN),
    SOLD_AREA("soldArea", Unit.AREA),
    SOLD_FEN("soldFen", Unit.FEN);

    /** How a metric's whole number reads. */
    public enum Unit { COUNT, FEN, AREA, CREDIT }

    private static final Map<String, Metric> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Metric::key, Function.identity()));

    private final String key;
    private final Unit unit;

    Metric(String key, Unit unit) {
        this.key = key;
        this.unit = unit;
    }

    /** The stable name under which the store keeps it. */
    public String key() {
        return key;
    }

    public Unit unit() {
        return unit;
    }

    public static Optional<Metric> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }
}
