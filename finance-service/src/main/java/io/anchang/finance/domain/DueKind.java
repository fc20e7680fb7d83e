package io.anchang.finance.domain;

/** What an amount is due for (R-FIN-3, R-FIN-4, R-DEAL-9). */
public enum DueKind {
    DOWN_PAYMENT("首付款"),
    INSTALMENT("分期款"),
    MORTGAGE("按揭贷款"),
    TRANSFER_FEE("过户费"),
    PENALTY("违约金");

    private final String chinese;

    DueKind(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
