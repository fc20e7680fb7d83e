package io.anchang.reporting.adapter.mongo;

import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import io.anchang.reporting.application.projection.SiteCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sites' time zones from the service's copy of the site directory, remembered for ten
 * minutes, and changed at once when the projection sees reception announce a new one. A site
 * not known yet is taken in the rulebook's default, Asia/Shanghai.
 */
public class DirectoryCalendar implements SiteCalendar {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Logger log = LoggerFactory.getLogger(DirectoryCalendar.class);
    private static final Duration KEPT = Duration.ofMinutes(10);

    private record Known(ZoneId zone, Instant until) {
    }

    private final LocalSiteDirectory directory;
    private final Clock clock;
    private final Map<String, Known> zones = new ConcurrentHashMap<>();

    public DirectoryCalendar(LocalSiteDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public LocalDate day(String site, Instant at) {
        return LocalDate.ofInstant(at, zone(site));
    }

    /** The site's time zone. */
    public ZoneId zone(String site) {
        Instant now = clock.instant();
        Known known = zones.get(site);
        if (known != null && known.until().isAfter(now)) {
            return known.zone();
        }
        ZoneId zone = DEFAULT_ZONE;
        try {
            SiteProfile profile = directory.find(SiteScope.system(), site).block(Duration.ofSeconds(10));
            if (profile != null) {
                zone = profile.zone();
            }
        } catch (RuntimeException e) {
            log.warn("the time zone of site {} could not be read, {} is used: {}", site, DEFAULT_ZONE, e.toString());
        }
        zones.put(site, new Known(zone, now.plus(KEPT)));
        return zone;
    }

    @Override
    public void zoneChanged(String site, String timeZone) {
        try {
            zones.put(site, new Known(ZoneId.of(timeZone), clock.instant().plus(KEPT)));
        } catch (DateTimeException e) {
            log.warn("site {} announced an unknown time zone {}", site, timeZone);
        }
    }
}
