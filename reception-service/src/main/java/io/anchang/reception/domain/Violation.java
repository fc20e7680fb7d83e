package io.anchang.reception.domain;

import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.util.Arrays;

/**
 * R-REC-4: a violation a SUPERVISOR or MANAGER records, with the penalty the policy sets for
 * it. The system records it; it does not run payroll.
 */
public record Violation(String id, String siteId, String rep, Kind kind, Severity severity, String penalty, String note,
                        String unitLabel, String visitId, String recordedBy, Instant at) {

    /** The kinds the rulebook lists, with the policy's section. */
    public enum Kind {
        GRABBING("抢客", "二4"),
        FIGHTING("争客", "二4"),
        NEGLECT("怠慢客户", "二4"),
        REFUSING_OWNED_CUSTOMER("拒绝接待其他置业顾问的客户", "二5"),
        PROVOKING_DISPUTE("故意挑起事端", "二5(3)"),
        PRIVATE_COLLECTION("私自收款", "七2"),
        REFUSING_RULING("不服从部门裁定", "五4");

        private final String chinese;
        private final String section;

        Kind(String chinese, String section) {
            this.chinese = chinese;
            this.section = section;
        }

        public String chinese() {
            return chinese;
        }

        public String section() {
            return section;
        }
    }

    /** How grave: for grabbing, fighting over or neglecting customers the policy has degrees. */
    public enum Severity { STANDARD, SEVERE, ADMINISTRATIVE }

    public static Violation record(String id, String siteId, String rep, Kind kind, Severity severity, String note,
                                   String unitLabel, String visitId, String by, Instant at) {
        if (kind == null) {
            throw ProblemException.invalid("violation-kind-missing", "请选择违规类型：" + Arrays.toString(Kind.values()));
        }
        Severity degree = severity == null ? Severity.STANDARD : severity;
        if (kind == Kind.REFUSING_RULING && (unitLabel == null || unitLabel.isBlank())) {
            throw ProblemException.invalid("unit-required", "不服从部门裁定须写明交叉楼宇（房号） (Name the unit whose credit goes to the department)");
        }
        return new Violation(id, siteId, rep, kind, degree, penalty(kind, degree, unitLabel), note, unitLabel, visitId, by, at);
    }

    /** The penalty as the policy states it (R-REC-4). */
    public static String penalty(Kind kind, Severity severity, String unitLabel) {
        return switch (kind) {
            case GRABBING, FIGHTING, NEGLECT -> switch (severity) {
                case STANDARD -> "扣罚当日基本工资";
                // Decision: the reading of 当月基本工资和当月应发奖金的50%
                case SEVERE -> "扣罚当月基本工资和当月应发奖金的50%";
                case ADMINISTRATIVE -> "行政处罚";
            };
            case REFUSING_OWNED_CUSTOMER -> severity == Severity.ADMINISTRATIVE ? "行政处罚" : "经济处罚（按二5，视情节）";
            case PROVOKING_DISPUTE -> "辞退，并扣罚当月应得成交奖金的50%";
            case PRIVATE_COLLECTION -> "开除";
            case REFUSING_RULING -> "该交叉楼宇（" + unitLabel + "）的业绩、奖金归部门";
        };
    }
}
