package io.anchang.platform.site;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of the rulebook (R-SEC). A SUPERVISOR may do all a SALES rep may, a MANAGER
 * all a SUPERVISOR may; the other roles stand alone.
 */
public enum Role {
    SALES("置业顾问"),
    SUPERVISOR("销售主任"),
    MANAGER("销售经理"),
    ASSISTANT("销售助理"),
    SALES_CONTROL("总销控"),
    FINANCE("财务"),
    HEAD_OFFICE("总部"),
    ADMIN("管理员");

    private final String chinese;

    Role(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** The roles whose rights this role includes, itself among them. */
    public Set<Role> includes() {
        return switch (this) {
            case MANAGER -> EnumSet.of(MANAGER, SUPERVISOR, SALES);
            case SUPERVISOR -> EnumSet.of(SUPERVISOR, SALES);
            default -> EnumSet.of(this);
        };
    }

    /** Whether a user holding this role may act as {@code other}. */
    public boolean includes(Role other) {
        return includes().contains(other);
    }
}
