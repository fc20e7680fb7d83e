package io.anchang.reporting.application.forms;

import io.anchang.platform.site.Role;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.site.StaffMember;
import io.anchang.reporting.domain.Axis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the forms call things, in Chinese: reps by name, sources, the house account. */
final class Labels {

    static final Map<String, String> SOURCES = Map.of(
            "CALL", "来电", "VISIT", "自然来访", "LEAD_LIST", "客户名单", "REFERRAL", "老带新", "EVENT", "活动拓客",
            Axis.UNKNOWN_SOURCE, "未知");
    static final List<String> SOURCE_ORDER = List.of("VISIT", "CALL", "REFERRAL", "EVENT", "LEAD_LIST", Axis.UNKNOWN_SOURCE);

    private Labels() {
    }

    static String rep(SiteProfile site, String userId) {
        if (Axis.NO_REP.equals(userId)) {
            return "未接待（排队中或离开）";
        }
        if (Axis.HOUSE.equals(userId)) {
            return "公司（部门）";
        }
        return site == null ? userId : site.member(userId).map(StaffMember::name).orElse(userId);
    }

    static String source(String source) {
        return SOURCES.getOrDefault(source, source);
    }

    /**
     * The reps a form lists: the site's active receiving staff in roster order (with nothing yet, a row of zeros),
     * then anyone else the sheets name, by id; the house account and "nobody" last.
     */
    static List<String> reps(SiteProfile site, Collection<String> named) {
        Set<String> reps = new LinkedHashSet<>();
        if (site != null) {
            site.staff().stream().filter(StaffMember::active)
                    .filter(m -> m.role() == Role.SALES || m.role() == Role.SUPERVISOR)
                    .forEach(m -> reps.add(m.userId()));
        }
        named.stream().filter(r -> !Axis.NO_REP.equals(r) && !Axis.HOUSE.equals(r)).sorted().forEach(reps::add);
        List<String> ordered = new ArrayList<>(reps);
        if (named.contains(Axis.NO_REP)) {
            ordered.add(Axis.NO_REP);
        }
        return ordered;
    }

    static List<String> sources(Collection<String> named) {
        List<String> ordered = new ArrayList<>(SOURCE_ORDER.stream().filter(s -> !Axis.UNKNOWN_SOURCE.equals(s)).toList());
        named.stream().filter(s -> !ordered.contains(s) && !Axis.UNKNOWN_SOURCE.equals(s)).sorted().forEach(ordered::add);
        if (named.contains(Axis.UNKNOWN_SOURCE)) {
            ordered.add(Axis.UNKNOWN_SOURCE);
        }
        return ordered;
    }
}
