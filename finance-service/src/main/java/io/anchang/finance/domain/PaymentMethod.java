package io.anchang.finance.domain;

/** How the money came to the desk. */
public enum PaymentMethod {
    CASH("现金"),
    CARD("刷卡"),
    TRANSFER("转账"),
    CHEQUE("支票");

    private final String chinese;

    PaymentMethod(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
