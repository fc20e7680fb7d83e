package io.anchang.reception.application;

import io.anchang.platform.events.reception.SiteProfileChanged;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.StaffMember;
import io.anchang.reception.domain.Site;
import io.anchang.reception.domain.Site.SiteChange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * Keeping the site directory: ADMIN registers and renames sites; ADMIN or the site's
 * MANAGER keeps its staff roster and policy settings. Every change is published (so
 * every service's copy follows) and audited with the state before and the reason.
 */
public class ManagingSites {

    private final Sites sites;
    private final Clock clock;

    public ManagingSites(Sites sites, Clock clock) {
        this.sites = sites;
        this.clock = clock;
    }

    /**
     * R-SEC-1: a new site belongs to no one's {@code sites} claim yet, so only an ADMIN of every
     * site ({@code *}) registers one — an ADMIN of SH01 may not, not even a code their claim names.
     */
    public void requireRegistrar(Caller caller) {
        if (!caller.has(Role.ADMIN)) {
            throw ProblemException.forbidden("role-required", "只有管理员可以新建案场 (Only an ADMIN registers sites)");
        }
        caller.scope().requireWriteEverySite("新建案场", "register a site");
    }

    public Mono<Site> register(Caller caller, String code, String name, String timeZone) {
        requireRegistrar(caller);
        SiteChange change = Site.register(code, name, timeZone);
        return sites.add(caller, change.site(), List.of(event(change, null))).thenReturn(change.site());
    }

    public Mono<Site> find(Caller caller, String code) {
        caller.scope().requireRead(code);
        return sites.find(caller.scope(), code).switchIfEmpty(Mono.error(() -> Sites.unknown(code)));
    }

    /** R-SEC-1: the sites of the caller's token; every site for HEAD_OFFICE and an ADMIN of {@code *} only. */
    public Flux<Site> list(Caller caller) {
        return sites.all(caller.scope());
    }

    public Mono<Site> rename(Caller caller, String code, String name, String timeZone) {
        caller.requireOn(code, Role.ADMIN); // R-SEC-1: an ADMIN of this site (or of every site)
        return change(caller, code, site -> site.rename(name, timeZone));
    }

    public Mono<Site> replaceStaff(Caller caller, String code, List<StaffMember> staff) {
        caller.requireOn(code, Role.ADMIN, Role.MANAGER);
        return change(caller, code, site -> site.withStaff(staff));
    }

    public Mono<Site> changePolicy(Caller caller, String code, LocalDate effectiveFrom, PolicySettings settings, String reason) {
        caller.requireOn(code, Role.ADMIN, Role.MANAGER);
        return change(caller, code, site -> site.withPolicy(effectiveFrom, settings, caller.userId(), clock.instant(),
                reason, site.today(clock.instant())));
    }

    private Mono<Site> change(Caller caller, String code, Function<Site, SiteChange> what) {
        return find(caller, code).flatMap(site -> {
            SiteChange change = what.apply(site);
            return sites.update(caller, change.site(), site.revision(), List.of(event(change, site)))
                    .flatMap(written -> written ? Mono.just(change.site()) : Mono.error(ProblemException.conflict("site-changed",
                            "案场资料刚被他人修改，请刷新后重试 (Someone changed site " + code + " at the same time; reload and try again)")));
        });
    }

    private static PendingEvent event(SiteChange change, Site before) {
        PendingEvent event = PendingEvent.of(change.site().code(), change.site().code(),
                new SiteProfileChanged(change.site().profile(), change.change()));
        return event.before(before == null ? null : before.profile()).because(change.reason());
    }

}
