package io.anchang.reception.domain;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.PolicyVersion;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.site.StaffMember;
import io.anchang.platform.validation.Echo;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sales site (案场) of the deployment: code, name, time zone, staff roster and its
 * effective-dated policy settings (section P). Each change raises the revision and
 * returns the event that tells the other services.
 */
public record Site(SiteProfile profile) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]{1,15}");

    public String code() {
        return profile.code();
    }

    public long revision() {
        return profile.revision();
    }

    /** A new site with the rulebook's default settings. */
    public static SiteChange register(String code, String name, String timeZone) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw ProblemException.invalid("site-code-invalid",
                    "案场编码须为 2-16 位大写字母或数字，以字母开头 (A site code is 2-16 capital letters or digits, starting with a letter, like SH01)");
        }
        SiteProfile profile = new SiteProfile(code, requireName(name), requireZone(timeZone), 1, List.of(), List.of());
        return new SiteChange(new Site(profile), "REGISTERED", null);
    }

    public SiteChange rename(String name, String timeZone) {
        SiteProfile next = new SiteProfile(code(), requireName(name), requireZone(timeZone), revision() + 1,
                profile.staff(), profile.policies());
        return new SiteChange(new Site(next), "RENAMED", null);
    }

    /** Replaces the staff roster; a user appears once. */
    public SiteChange withStaff(List<StaffMember> staff) {
        Set<String> seen = new HashSet<>();
        for (StaffMember member : staff) {
            if (member.userId().isBlank() || member.name().isBlank()) {
                throw ProblemException.invalid("staff-invalid", "员工须有用户编号和姓名 (Every staff member needs a user id and a name)");
            }
            if (!seen.add(member.userId())) {
                throw ProblemException.invalid("staff-duplicate",
                        "员工 " + member.userId() + " 重复出现 (User " + member.userId() + " is listed twice)");
            }
        }
        SiteProfile next = new SiteProfile(code(), profile.name(), profile.timeZone(), revision() + 1, staff, profile.policies());
        return new SiteChange(new Site(next), "STAFF", null);
    }

    /**
     * New settings from {@code effectiveFrom} on. The past is never rewritten: a change
     * takes effect today at the earliest (site calendar); a later version for the same
     * day replaces the earlier one for that day.
     */
    public SiteChange withPolicy(LocalDate effectiveFrom, PolicySettings settings, String changedBy, Instant at,
                                 String reason, LocalDate today) {
        if (effectiveFrom.isBefore(today)) {
            throw ProblemException.invalid("policy-in-the-past",
                    "设置只能从今天 (" + today + ") 起生效 (Settings take effect today or later, not " + effectiveFrom + ")");
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("policy-reason-missing", "请写明调整原因 (Say why the settings change)");
        }
        List<PolicyVersion> versions = new ArrayList<>(profile.policies().stream()
                .filter(v -> !v.effectiveFrom().equals(effectiveFrom)).toList());
        versions.add(new PolicyVersion(effectiveFrom, settings, changedBy, at, reason));
        SiteProfile next = new SiteProfile(code(), profile.name(), profile.timeZone(), revision() + 1, profile.staff(), versions);
        return new SiteChange(new Site(next), "POLICY", reason);
    }

    /** A rep named at the desk: an active member of this site's staff, or a problem the desk understands. */
    public StaffMember staffMember(String userId) {
        return profile.member(userId).filter(StaffMember::active).orElseThrow(() -> ProblemException.invalid("rep-unknown",
                "置业顾问 " + Echo.of(userId) + " 不在案场 " + code() + " 的员工名单中 (" + Echo.of(userId) + " is not on the staff of site " + code() + ")"));
    }

    /** A rep who receives customers at the desk (SALES, SUPERVISOR): a call's receiver, a rep asked for or assigned (R-REC-3). */
    public StaffMember receivingMember(String userId) {
        StaffMember member = staffMember(userId);
        if (member.role() != io.anchang.platform.site.Role.SALES && member.role() != io.anchang.platform.site.Role.SUPERVISOR) {
            throw ProblemException.invalid("not-a-receiving-rep", member.name() + "（" + member.role().chinese() + "）不接待客户，不能作为来电的接听人或接待人；"
                    + "请填写置业顾问或销售主任（R-REC-3） (" + Echo.of(userId) + " is " + member.role() + " and receives no customers)");
        }
        return member;
    }

    public LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, profile.zone());
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ProblemException.invalid("site-name-invalid", "请填写案场名称（不超过100字） (A site needs a name of at most 100 characters)");
        }
        return name.strip();
    }

    private static String requireZone(String timeZone) {
        String zone = timeZone == null || timeZone.isBlank() ? "Asia/Shanghai" : timeZone;
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            throw ProblemException.invalid("time-zone-invalid",
                    "时区无效：" + zone + " (Unknown time zone " + zone + "; use a name like Asia/Shanghai)");
        }
    }

    /** A site after a change, what changed, and the reason given. */
    public record SiteChange(Site site, String change, String reason) {
    }
}
