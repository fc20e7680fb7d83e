package io.anchang.reporting.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Whole-number values per {@link Metric}; absent means zero. Immutable. */
public record Tally(Map<Metric, Long> values) {

    public static final Tally EMPTY = new Tally(Map.of());

    public Tally {
        EnumMap<Metric, Long> copy = new EnumMap<>(Metric.class);
        values.forEach((metric, value) -> {
            if (value != null && value != 0) {
                copy.put(metric, value);
            }
        });
        values = Collections.unmodifiableMap(copy);
    }

    public static Tally of(Metric metric, long value) {
        return new Tally(Map.of(metric, value));
    }

    public static Tally of(Metric a, long va, Metric b, long vb) {
        EnumMap<Metric, Long> map = new EnumMap<>(Metric.class);
        map.merge(a, va, Long::sum);
        map.merge(b, vb, Long::sum);
        return new Tally(map);
    }

    public long get(Metric metric) {
        return values.getOrDefault(metric, 0L);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Tally plus(Tally other) {
        if (other.isEmpty()) {
            return this;
        }
        EnumMap<Metric, Long> sum = values.isEmpty() ? new EnumMap<>(Metric.class) : new EnumMap<>(values);
        other.values.forEach((metric, value) -> sum.merge(metric, value, Long::sum));
        return new Tally(sum);
    }

    public Tally negated() {
        EnumMap<Metric, Long> negated = new EnumMap<>(Metric.class);
        values.forEach((metric, value) -> negated.put(metric, -value));
        return new Tally(negated);
    }

    public Tally minus(Tally other) {
        return plus(other.negated());
    }

    /** A builder for the few places that add many values. */
    public static final class Builder {
        private final EnumMap<Metric, Long> values = new EnumMap<>(Metric.class);

        public Builder add(Metric metric, long value) {
            values.merge(metric, value, Long::sum);
            return this;
        }

        public Builder add(Metric metric, boolean when) {
            return when ? add(metric, 1) : this;
        }

        public Tally build() {
            return new Tally(values);
        }
    }

    public static Builder builder() {
        return new Builder();
    }
}
