package io.anchang.deal.domain;

/** SMALL: 小定, an intent order (R-DEAL-3). BIG: 大定 with the subscription agreement (R-DEAL-4). */
public enum DepositKind {
    SMALL("小定"),
    BIG("大定");

    private final String chinese;

    DepositKind(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
