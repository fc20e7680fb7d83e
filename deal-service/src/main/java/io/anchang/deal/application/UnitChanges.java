package io.anchang.deal.application;

import io.anchang.deal.domain.Unit;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every unit status change, the moment it is known here, for sales control's live board (R-DEAL-2:
 * SALES_CONTROL is told at once): the changes this instance writes, at once, and those any other
 * instance writes, as this instance hears them on {@code anchang.deal.v1} ({@code UnitChangeFeed}). A unit
 * at a version already shown is not shown again, so a change written here and heard back counts once.
 */
public final class UnitChanges {

    /** How many unit versions are remembered to show each once. */
    static final int REMEMBERED = 10_000;

    private final Sinks.Many<Unit> sink = Sinks.many().multicast().directBestEffort();
    private final Map<String, Boolean> shown = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** A unit as a write (here or elsewhere) left it; shown unless this version was shown already. */
    public void written(Unit unit) {
        String key = unit.id() + "@" + unit.version();
        synchronized (shown) {
            if (shown.put(key, Boolean.TRUE) != null) {
                return;
            }
        }
        synchronized (sink) {
            sink.tryEmitNext(unit);
        }
    }

    public Flux<Unit> of(SiteScope scope, String site) {
        scope.requireRead(site);
        return sink.asFlux().filter(unit -> unit.siteId().equals(site));
    }
}
