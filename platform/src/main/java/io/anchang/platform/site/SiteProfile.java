package io.anchang.platform.site;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A site as every service knows it: code, name, time zone, staff roster and policy
 * history. {@code revision} grows with every change, so a copy can tell old news from new.
 */
public record SiteProfile(String code, String name, String timeZone, long revision,
                          List<StaffMember> staff, List<PolicyVersion> policies) {

    public SiteProfile {
        staff = List.copyOf(staff);
        policies = policies.stream().sorted(Comparator.comparing(PolicyVersion::effectiveFrom)).toList();
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The settings in force on {@code day} of the site's calendar; the rulebook's defaults before any version. */
    public PolicySettings policyOn(LocalDate day) {
        PolicySettings current = PolicySettings.defaults();
        for (PolicyVersion version : policies) {
            if (!version.effectiveFrom().isAfter(day)) {
                current = version.settings();
            }
        }
        return current;
    }

    public Optional<StaffMember> member(String userId) {
        return staff.stream().filter(m -> m.userId().equals(userId)).findFirst();
    }
}
