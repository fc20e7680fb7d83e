package io.anchang.reporting.application.forms;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Who reads which report (R-SEC, R-RPT). Every report is of sites the caller may read
 * (R-SEC-1: a site's staff their own site, HEAD_OFFICE every site); on top of that:
 * the visitor and call statistics (R-RPT-1, R-RPT-2) for the site's SUPERVISOR, MANAGER and
 * ASSISTANT; the registers and sales statistics (R-RPT-3) also for FINANCE and SALES_CONTROL;
 * the MANAGER's weekly analyses, money and targets, and the bonus report (R-RPT-4, R-RPT-5)
 * for the MANAGER; HEAD_OFFICE reads them all, with customers' names masked (R-SEC-3).
 */
public enum ReportAccess {
    STATISTICS(Role.SUPERVISOR, Role.ASSISTANT, Role.HEAD_OFFICE),
    REGISTERS(Role.SUPERVISOR, Role.ASSISTANT, Role.FINANCE, Role.SALES_CONTROL, Role.HEAD_OFFICE),
    MANAGEMENT(Role.MANAGER, Role.HEAD_OFFICE),
    HEAD_OFFICE(Role.HEAD_OFFICE, Role.MANAGER);

    private final Role[] roles;

    ReportAccess(Role... roles) {
        this.roles = roles;
    }

    /** 403 unless the caller may read {@code site} and holds one of the roles; {@code site} null: any site. */
    public void require(Caller caller, String site) {
        if (site != null) {
            caller.scope().requireRead(site);
        }
        if (!caller.hasAny(roles)) {
            String names = Arrays.stream(roles).map(r -> r.chinese() + "(" + r.name() + ")").collect(Collectors.joining("、"));
            throw ProblemException.forbidden("role-required", "此报表需要以下角色之一：" + names + " (This report needs one of the roles: "
                    + Arrays.stream(roles).map(Role::name).collect(Collectors.joining(", ")) + ")");
        }
    }

    /** R-SEC-3: head office reads customers' names masked; the site's own staff see them. */
    public static boolean masksNames(Caller caller, String site) {
        return caller.has(Role.HEAD_OFFICE) && !caller.scope().ownSites().contains(site);
    }
}
