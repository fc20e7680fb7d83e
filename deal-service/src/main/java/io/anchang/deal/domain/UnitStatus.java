package io.anchang.deal.domain;

/** R-DEAL-1: where a unit stands. AVAILABLE → HELD → SMALL_DEPOSIT → BIG_DEPOSIT → CONTRACTED, or RESERVED off sale. */
public enum UnitStatus {
    AVAILABLE("可售"),
    RESERVED("保留（销控）"),
    HELD("已保留"),
    SMALL_DEPOSIT("小定"),
    BIG_DEPOSIT("大定"),
    CONTRACTED("已签约");

    private final String chinese;

    UnitStatus(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** Sold or on its way to be: only a lapse or a refund brings it back. */
    public boolean sold() {
        return this == SMALL_DEPOSIT || this == BIG_DEPOSIT || this == CONTRACTED;
    }
}
