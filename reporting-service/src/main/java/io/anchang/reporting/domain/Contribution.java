package io.anchang.reporting.domain;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one register entry adds to the sheets: values on a day of the site's calendar (or to
 * the site's stock, when {@code day} is null), split along the axes given. Counters are the
 * sums of their entries' contributions; when an entry changes, the sheets move by the
 * difference between its contributions after and before — so a visit given to another rep,
 * a small deposit upgraded, a deal reversed move the numbers without anything scanned again.
 */
public record Contribution(String site, LocalDate day, Map<Axis, String> dims, Tally tally) {

    public Contribution {
        Objects.requireNonNull(site, "site");
        EnumMap<Axis, String> copy = new EnumMap<>(Axis.class);
        dims.forEach((axis, value) -> copy.put(axis, value));
        dims = Collections.unmodifiableMap(copy);
    }

    public static Contribution on(String site, LocalDate day, Tally tally, Object... axesAndValues) {
        EnumMap<Axis, String> dims = new EnumMap<>(Axis.class);
        for (int i = 0; i + 1 < axesAndValues.length; i += 2) {
            dims.put((Axis) axesAndValues[i], Objects.requireNonNull(axesAndValues[i + 1], "dimension value").toString());
        }
        return new Contribution(site, day, dims, tally);
    }

    public boolean stock() {
        return day == null;
    }
}
