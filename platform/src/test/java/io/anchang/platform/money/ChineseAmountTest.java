package io.anchang.platform.money;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChineseAmountTest {

    @ParameterizedTest(name = "{0} → {1}")
    @DisplayName("R-FIN-6 amounts in capitals as 《支付结算办法》 writes them")
    @CsvSource({
            // the examples of 《支付结算办法》 附一
            "1409.50, 壹仟肆佰零玖元伍角整",
            "6007.14, 陆仟零柒元壹角肆分",
            "1680.32, 壹仟陆佰捌拾元叁角贰分",
            "107000.53, 壹拾万柒仟元伍角叁分",
            "16.00, 壹拾陆元整",
            "325020104.00, 叁亿贰仟伍佰零贰万零壹佰零肆元整",
            // the example, and the edges
            "12345.60, 壹万贰仟叁佰肆拾伍元陆角整",
            "0.00, 零元整",
            "0.05, 伍分",
            "0.50, 伍角整",
            "0.55, 伍角伍分",
            "1.05, 壹元零伍分",
            "10.10, 壹拾元壹角整",
            "100010000, 壹亿零壹万元整",
            "100000000, 壹亿元整",
            "10000567, 壹仟万零伍佰陆拾柒元整",
            "3005000, 叁佰万伍仟元整",
            "3000500, 叁佰万零伍佰元整",
            "100010, 壹拾万零壹拾元整",
            "2000000.00, 贰佰万元整",
            "50000, 伍万元整",
            "3580000.00, 叁佰伍拾捌万元整",
            "1001.01, 壹仟零壹元零壹分",
    })
    void writesTheCapitals(String amount, String capitals) {
        assertThat(ChineseAmount.of(new BigDecimal(amount))).isEqualTo(capitals);
    }

    @Test
    void printsFiguresBesideTheCapitals() {
        assertThat(ChineseAmount.withFigures(Money.of("1234567.80"))).isEqualTo("¥1,234,567.80（人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角整）");
    }

    @Test
    void refusesNegativeAndOverPreciseAmounts() {
        assertThatThrownBy(() -> ChineseAmount.of(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChineseAmount.of(new BigDecimal("1.005"))).isInstanceOf(IllegalArgumentException.class);
    }
}
