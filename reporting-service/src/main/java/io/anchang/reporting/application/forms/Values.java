package io.anchang.reporting.application.forms;

import io.anchang.reporting.domain.Fen;
import io.anchang.reporting.domain.Metric;
import io.anchang.reporting.domain.Tally;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The sheets' whole numbers as a form shows them: counts, yuan, square metres, rates. */
final class Values {

    private Values() {
    }

    /** The value of {@code metric}: a count as a Long, money as yuan, an area as m², credit as units. */
    static Object of(Tally tally, Metric metric) {
        long value = tally.get(metric);
        return switch (metric.unit()) {
            case COUNT -> value;
            case FEN -> Fen.yuan(value);
            case AREA -> Fen.squareMetres(value);
            case CREDIT -> Fen.units(value);
        };
    }

    /** {@code part / whole} as a fraction with 4 decimals; null when the whole is zero. */
    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    /** The change from {@code previous} to {@code current} as a fraction; null when there was nothing before. */
    static BigDecimal change(long current, long previous) {
        return previous == 0 ? null : BigDecimal.valueOf(current - previous).divide(BigDecimal.valueOf(previous), 4, RoundingMode.HALF_UP);
    }

    /** Yuan per m² (成交均价), to the fen; null without area. */
    static BigDecimal pricePerSquareMetre(long fen, long areaHundredths) {
        return areaHundredths == 0 ? null : BigDecimal.valueOf(fen).divide(BigDecimal.valueOf(areaHundredths), 2, RoundingMode.HALF_UP);
    }

    /** Average minutes of {@code seconds} over {@code count}, one decimal; null for none. */
    static BigDecimal minutes(long seconds, long count) {
        return count == 0 ? null : BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(count * 60), 1, RoundingMode.HALF_UP);
    }

    /** The difference of a metric as the form shows it (a count, or yuan). */
    static Object difference(Metric metric, long current, long previous) {
        return of(Tally.of(metric, current - previous), metric);
    }
}
