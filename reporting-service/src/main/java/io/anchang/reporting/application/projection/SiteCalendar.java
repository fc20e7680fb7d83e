package io.anchang.reporting.application.projection;

import java.time.Instant;
import java.time.LocalDate;

/** The sites' time zones: a day, week or month is the site's calendar (R-RPT, periods). */
public interface SiteCalendar {

    /** The day of {@code site}'s calendar that {@code at} falls on; Asia/Shanghai for a site not known yet. */
    LocalDate day(String site, Instant at);

    /** Reception announced the site's time zone. */
    void zoneChanged(String site, String timeZone);
}
