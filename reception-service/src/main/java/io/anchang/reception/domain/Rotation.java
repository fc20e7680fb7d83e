package io.anchang.reception.domain;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.site.StaffMember;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A site's rotation (排序表) for one day of its calendar (R-REC-1): the reps on duty in
 * turn order. The first is up and serves the next new customer, the second is on deck.
 */
public record Rotation(String siteId, LocalDate day, List<Rep> order, String setBy, long revision) {

    /** Roles that receive customers at the desk. */
    private static final Set<Role> RECEIVING = Set.of(Role.SALES, Role.SUPERVISOR, Role.MANAGER);

    public Rotation {
        order = List.copyOf(order);
    }

    public record Rep(String userId, String name) {
    }

    /**
     * R-REC-1: the MANAGER sets who is on duty and in what order. Each rep must be an
     * active member of the site's staff who receives customers, listed once.
     */
    public static Rotation set(SiteProfile site, LocalDate day, List<String> userIds, String setBy, long previousRevision) {
        List<Rep> order = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String userId : userIds) {
            StaffMember member = site.member(userId).filter(StaffMember::active).orElseThrow(() -> ProblemException.invalid(
                    "rep-unknown", "置业顾问 " + userId + " 不在案场 " + site.code() + " 的在岗名单中 (" + userId
                            + " is not on the staff of site " + site.code() + ")"));
            if (!RECEIVING.contains(member.role())) {
                throw ProblemException.invalid("rep-not-receiving", member.name() + " 的角色是" + member.role().chinese()
                        + "，不接待客户 (" + member.name() + " is " + member.role() + " and does not receive customers)");
            }
            if (!seen.add(userId)) {
                throw ProblemException.invalid("rep-twice", member.name() + " 在排序表中出现两次 (" + member.name()
                        + " is listed twice in the rotation)");
            }
            order.add(new Rep(userId, member.name()));
        }
        return new Rotation(site.code(), day, order, setBy, previousRevision + 1);
    }

    /** The rep who serves the next new customer, if anyone is on duty. */
    public Rep up() {
        return order.isEmpty() ? null : order.get(0);
    }

    /** The rep who must be at the desk next (二2). */
    public Rep onDeck() {
        return order.size() < 2 ? null : order.get(1);
    }
}
