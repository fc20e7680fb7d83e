package io.anchang.platform.money;

import java.math.BigDecimal;

/**
 * An amount in Chinese financial capitals (人民币大写, R-FIN-6), as receipts, agreements and
 * notices print it, following the writing rules of the People's Bank of China's
 * 《支付结算办法》 (附一 正确填写票据和结算凭证的基本规定):
 * <ul>
 *   <li>digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, then 元角分;</li>
 *   <li>a 1 in the tens place is written 壹拾 (16.00 → 壹拾陆元整);</li>
 *   <li>zeros between digits, or a zero 万 or 元 position followed by digits, are read as one 零
 *       (6007.14 → 陆仟零柒元壹角肆分; 100010000 → 壹亿零壹万元整); the rules allow leaving the
 *       零 out after 元 when 角 follows, which is done here (1680.32 → 壹仟陆佰捌拾元叁角贰分);</li>
 *   <li>整 ends an amount without 分 (12345.60 → 壹万贰仟叁佰肆拾伍元陆角整), never one with 分;</li>
 *   <li>no 分 but 角 zero: 零 before 分 (1.05 → 壹元零伍分); less than a yuan: no 元 (0.50 → 伍角整).</li>
 * </ul>
 */
public final class ChineseAmount {

    private static final char[] DIGITS = "零壹贰叁肆伍陆柒捌玖".toCharArray();
    private static final String[] IN_GROUP = {"仟", "佰", "拾", ""};
    private static final String[] GROUPS = {"", "万", "亿", "万亿"};
    private static final BigDecimal LIMIT = new BigDecimal("10000000000000000");

    private ChineseAmount() {
    }

    public static String of(Money money) {
        return of(money.amount());
    }

    /** As receipts and agreements print it: ¥12,345.60（人民币壹万贰仟叁佰肆拾伍元陆角整）. */
    public static String withFigures(Money money) {
        return "¥" + String.format("%,.2f", money.amount()) + "（人民币" + of(money) + "）";
    }

    /** The capitals of a non-negative amount with at most two decimals, below 10^16 yuan. */
    public static String of(BigDecimal amount) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("capitals are written for amounts of zero or more, not " + amount.toPlainString());
        }
        if (amount.compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("too large to write in capitals: " + amount.toPlainString());
        }
        long fen = new Money(amount).amount().movePointRight(2).longValueExact();
        long yuan = fen / 100;
        int jiao = (int) (fen / 10 % 10);
        int cents = (int) (fen % 10);
        StringBuilder out = new StringBuilder();
        if (yuan > 0) {
            out.append(integer(yuan)).append('元');
        }
        if (jiao > 0) {
            out.append(DIGITS[jiao]).append('角');
        }
        if (cents > 0) {
            if (jiao == 0 && yuan > 0) {
                out.append('零');
            }
            out.append(DIGITS[cents]).append('分');
        } else {
            if (out.isEmpty()) {
                out.append("零元");
            }
            out.append('整');
        }
        return out.toString();
    }

    /** A positive whole number of yuan: groups of four digits (万, 亿), one 零 for each run of zeros. */
    static String integer(long value) {
        StringBuilder out = new StringBuilder();
        boolean zeroPending = false;
        for (int g = GROUPS.length - 1; g >= 0; g--) {
            long unit = pow10000(g);
            int group = (int) (value / unit % 10000);
            if (group == 0) {
                zeroPending = !out.isEmpty();
                continue;
            }
            if (!out.isEmpty() && (zeroPending || group < 1000)) {
                out.append('零');
            }
            zeroPending = false;
            out.append(group(group)).append(GROUPS[g]);
        }
        return out.toString();
    }

    private static String group(int group) {
        StringBuilder out = new StringBuilder();
        boolean zeroPending = false;
        int divisor = 1000;
        for (int i = 0; i < 4; i++, divisor /= 10) {
            int digit = group / divisor % 10;
            if (digit == 0) {
                zeroPending = !out.isEmpty();
                continue;
            }
            if (zeroPending) {
                out.append('零');
                zeroPending = false;
            }
            out.append(DIGITS[digit]).append(IN_GROUP[i]);
        }
        return out.toString();
    }

    private static long pow10000(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10000;
        }
        return result;
    }
}
