package io.anchang.reporting.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/**
 * A site's sales targets for a month, for the site and for each rep, as its MANAGER set them:
 * units subscribed (认购套数), amounts subscribed and contracted, collections (回款). A target
 * left out is not set.
 */
public record Targets(String siteId, YearMonth month, Goal site, Map<String, Goal> reps, String setBy, Instant setAt) {

    public Targets {
        site = site == null ? Goal.NONE : site;
        reps = reps == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(reps));
    }

    public static Targets none(String siteId, YearMonth month) {
        return new Targets(siteId, month, Goal.NONE, Map.of(), null, null);
    }

    public Goal rep(String userId) {
        return reps.getOrDefault(userId, Goal.NONE);
    }

    /** One set of targets; amounts in fen; null where not set. */
    public record Goal(Long units, Long subscribedFen, Long contractedFen, Long collectedFen) {
        public static final Goal NONE = new Goal(null, null, null, null);
    }
}
