package io.anchang.reporting.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the contributions of register entries into the sheets' deltas: a day's contribution
 * goes to that day's, week's (Monday to Sunday) and month's sheets of the site; a stock
 * contribution to the site's stock sheet.
 */
public final class Ledger {

    private Ledger() {
    }

    /** What the sheets must add when an entry's contributions go from {@code before} to {@code after}. */
    public static Map<SheetId, Sheet> deltas(List<Contribution> before, List<Contribution> after) {
        Map<SheetId, Sheet> deltas = new LinkedHashMap<>();
        for (Contribution c : before) {
            add(deltas, c, c.tally().negated());
        }
        for (Contribution c : after) {
            add(deltas, c, c.tally());
        }
        deltas.values().removeIf(Sheet::isEmpty);
        return deltas;
    }

    /** Adds {@code more} into {@code into}, sheet by sheet. */
    public static void merge(Map<SheetId, Sheet> into, Map<SheetId, Sheet> more) {
        more.forEach((id, sheet) -> into.merge(id, sheet, Sheet::plus));
    }

    private static void add(Map<SheetId, Sheet> deltas, Contribution c, Tally tally) {
        if (tally.isEmpty()) {
            return;
        }
        if (c.stock()) {
            SheetId id = SheetId.stock(c.site());
            deltas.merge(id, Sheet.empty(id).plus(c.dims(), tally), Sheet::plus);
            return;
        }
        for (Period period : List.of(Period.day(c.day()), Period.week(c.day()), Period.month(c.day()))) {
            SheetId id = SheetId.of(c.site(), period);
            deltas.merge(id, Sheet.empty(id).plus(c.dims(), tally), Sheet::plus);
        }
    }
}
