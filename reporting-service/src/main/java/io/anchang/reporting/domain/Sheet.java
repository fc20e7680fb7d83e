package io.anchang.reporting.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters of one site for one day, week or month (or of its stock): the totals and the
 * same split by rep, by source and by building. A report reads a handful of sheets, never the
 * events behind them.
 */
public record Sheet(SheetId id, Tally total, Map<Axis, Map<String, Tally>> split) {

    public Sheet {
        EnumMap<Axis, Map<String, Tally>> copy = new EnumMap<>(Axis.class);
        split.forEach((axis, values) -> copy.put(axis, Collections.unmodifiableMap(new TreeMap<>(values))));
        split = Collections.unmodifiableMap(copy);
    }

    public static Sheet empty(SheetId id) {
        return new Sheet(id, Tally.EMPTY, Map.of());
    }

    /** The values of {@code key} on {@code axis} (zero if none). */
    public Tally of(Axis axis, String key) {
        return by(axis).getOrDefault(key, Tally.EMPTY);
    }

    public Map<String, Tally> by(Axis axis) {
        return split.getOrDefault(axis, Map.of());
    }

    /** This sheet with {@code tally} added to the total and to each of the axes' keys given. */
    public Sheet plus(Map<Axis, String> dims, Tally tally) {
        if (tally.isEmpty()) {
            return this;
        }
        EnumMap<Axis, Map<String, Tally>> next = new EnumMap<>(Axis.class);
        split.forEach((axis, values) -> next.put(axis, new TreeMap<>(values)));
        dims.forEach((axis, key) -> next.computeIfAbsent(axis, a -> new TreeMap<>()).merge(key, tally, Tally::plus));
        return new Sheet(id, total.plus(tally), next);
    }

    /** This sheet with every value of {@code other} added (a delta, or the sheet of another part of a period). */
    public Sheet plus(Sheet other) {
        EnumMap<Axis, Map<String, Tally>> next = new EnumMap<>(Axis.class);
        split.forEach((axis, values) -> next.put(axis, new TreeMap<>(values)));
        other.split.forEach((axis, values) -> values.forEach((key, tally) ->
                next.computeIfAbsent(axis, a -> new TreeMap<>()).merge(key, tally, Tally::plus)));
        return new Sheet(id, total.plus(other.total), next);
    }

    /** The sum of sheets, under {@code id}: the sheet of a period made of them. */
    public static Sheet sum(SheetId id, List<Sheet> parts) {
        Sheet sum = empty(id);
        for (Sheet part : parts) {
            sum = sum.plus(part);
        }
        return sum;
    }

    public boolean isEmpty() {
        return total.isEmpty() && split.values().stream().allMatch(values -> values.values().stream().allMatch(Tally::isEmpty));
    }
}
