package io.anchang.customer.application;

import io.anchang.customer.domain.AttributionRules;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.site.StaffMember;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * A site as the rules need it: its calendar, the settings in force on a day (section P) and
 * the names people know its staff by. Before reception's profile has arrived, the rulebook's
 * defaults and Shanghai time.
 */
public record SiteRules(String site, SiteProfile profile) {

    /** The site's rules from the local copy of the site directory, or the defaults before it has arrived. */
    public static Mono<SiteRules> of(LocalSiteDirectory directory, SiteScope scope, String site) {
        return directory.find(scope, site).map(profile -> new SiteRules(site, profile)).defaultIfEmpty(new SiteRules(site, null));
    }

    public ZoneId zone() {
        return profile == null ? ZoneId.of("Asia/Shanghai") : profile.zone();
    }

    public PolicySettings settingsAt(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, zone());
        return profile == null ? PolicySettings.defaults() : profile.policyOn(day);
    }

    public String name(String userId) {
        if (userId == null) {
            return "（无）";
        }
        if ("DEPARTMENT".equals(userId)) {
            return "部门";
        }
        return profile == null ? userId : profile.member(userId).map(StaffMember::name).orElse(userId);
    }

    public Function<String, String> names(Desk desk) {
        return userId -> desk.rep(userId).map(Desk.DeskRep::name).orElseGet(() -> name(userId));
    }

    /** The rules in force at {@code at}, naming reps as the desk does (or as the staff list does, without a desk). */
    public AttributionRules rules(Instant at, Desk desk) {
        return new AttributionRules(settingsAt(at), zone(), desk == null ? this::name : names(desk));
    }

    public boolean isStaff(String userId) {
        return profile == null || profile.member(userId).isPresent();
    }
}
