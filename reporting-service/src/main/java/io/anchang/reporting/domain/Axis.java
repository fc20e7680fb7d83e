package io.anchang.reporting.domain;

/**
 * The ways a sheet splits its totals: by rep (置业顾问), by the customer's source (来源, R-CUS-2)
 * and by building (楼栋).
 */
public enum Axis {
    REP,
    SOURCE,
    BUILDING;

    /** The rep of what no rep took: a customer who left the queue unserved, a call without a rep. */
    public static final String NO_REP = "_NONE";
    /** The house account (公司/部门): credit a ruling gave the department (R-ATT-16). */
    public static final String HOUSE = "_HOUSE";
    /** The source of a customer whose registration the reports have not seen. */
    public static final String UNKNOWN_SOURCE = "UNKNOWN";
    public static final String UNKNOWN_BUILDING = "?";
}
