package io.anchang.finance.application;

import io.anchang.finance.domain.DeskDay;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * The desk's calendar: a site's day by its time zone, its policy on that day, and the rule that a day
 * closed (日结) — or being closed — books nothing more (R-FIN-7): a payment or payout is booked on today,
 * and refused once today is closed.
 */
public final class DeskCalendar {

    static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final LocalSiteDirectory directory;
    private final DeskDays days;
    private final Clock clock;

    public DeskCalendar(LocalSiteDirectory directory, DeskDays days, Clock clock) {
        this.directory = directory;
        this.days = days;
        this.clock = clock;
    }

    public Mono<ZoneId> zone(String site) {
        return profile(site).map(SiteProfile::zone).defaultIfEmpty(DEFAULT_ZONE);
    }

    public Mono<SiteProfile> profile(String site) {
        return directory.find(SiteScope.system(), site);
    }

    /** The site's policy on {@code day}; the rulebook's defaults while the site is not known here. */
    public Mono<PolicySettings> policy(String site, LocalDate day) {
        return profile(site).map(p -> p.policyOn(day)).defaultIfEmpty(PolicySettings.defaults());
    }

    public Mono<LocalDate> today(String site) {
        Instant now = clock.instant();
        return zone(site).map(zone -> LocalDate.ofInstant(now, zone));
    }

    /** Where {@code day} starts and ends on the site's clock. */
    public Mono<Instant[]> bounds(String site, LocalDate day) {
        return zone(site).map(zone -> new Instant[]{day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant()});
    }

    /** R-FIN-7: today, if the desk still books on it; else 409: the day is closed, nothing more is booked on it. */
    public Mono<LocalDate> openToday(String site) {
        return today(site).flatMap(today -> days.find(site, today).map(day -> {
            if (!day.takesEntries()) {
                throw dayClosed(today);
            }
            return today;
        }));
    }

    static ProblemException dayClosed(LocalDate day) {
        return new ProblemException(409, "day-closed", "Conflict", day + " 已日结，当日账目不能再变动；收付款请于下一日办理，"
                + "更正请在以后日期做红字冲销 (The desk's day " + day + " is closed: nothing more is booked on it; "
                + "correct it by a reversing entry on a later day)", Map.of("day", day.toString()));
    }

    public Mono<DeskDay> day(String site, LocalDate day) {
        return days.find(site, day);
    }

    public Instant now() {
        return clock.instant();
    }
}
