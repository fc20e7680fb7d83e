package io.anchang.finance.adapter.print;

import io.anchang.platform.money.ChineseAmount;
import io.anchang.platform.money.Money;

/** Amounts in Chinese capitals (R-FIN-6) as the desk prints them; a reversing entry's negative amount as 负…. */
public final class Capitals {

    private Capitals() {
    }

    public static String of(Money amount) {
        return amount.isNegative() ? "负" + ChineseAmount.of(amount.amount().negate()) : ChineseAmount.of(amount);
    }

    /** ¥12,345.60（人民币壹万贰仟叁佰肆拾伍元陆角整）, negative as -¥…（人民币负…）. */
    public static String withFigures(Money amount) {
        if (!amount.isNegative()) {
            return ChineseAmount.withFigures(amount);
        }
        return "-¥" + String.format("%,.2f", amount.amount().negate()) + "（人民币负" + ChineseAmount.of(amount.amount().negate()) + "）";
    }
}
