package io.anchang.reporting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact conversions between yuan (scale 2), square metres and credit fractions and the sheets' whole numbers. */
public final class Fen {

    private Fen() {
    }

    /** Yuan to fen; an amount with more than two decimals is rounded half-up to the fen. */
    public static long of(BigDecimal yuan) {
        return yuan == null ? 0 : yuan.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
    }

    /** Fen to yuan, scale 2. */
    public static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    /** Square metres to hundredths of a square metre. */
    public static long area(BigDecimal squareMetres) {
        return squareMetres == null ? 0 : squareMetres.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
    }

    public static BigDecimal squareMetres(long hundredths) {
        return BigDecimal.valueOf(hundredths, 2);
    }

    /** A credit fraction (0.5 套) to ten-thousandths (5000). */
    public static long credit(BigDecimal fraction) {
        return fraction == null ? 0 : fraction.setScale(4, RoundingMode.HALF_UP).movePointRight(4).longValueExact();
    }

    public static BigDecimal units(long tenThousandths) {
        BigDecimal units = BigDecimal.valueOf(tenThousandths, 4).stripTrailingZeros();
        return units.scale() < 0 ? units.setScale(0, RoundingMode.UNNECESSARY) : units;
    }

    /** {@code fen × tenThousandths / 10000}, half-up to the fen. */
    public static long share(long fen, long tenThousandths) {
        return BigDecimal.valueOf(fen).multiply(BigDecimal.valueOf(tenThousandths))
                .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** {@code fen × percent / 100}, half-up to the fen. */
    public static long percent(long fen, int percent) {
        return BigDecimal.valueOf(fen).multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
