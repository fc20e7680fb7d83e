package io.anchang.platform.validation;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedDecimalDeserializerTest {

    record Body(BigDecimal percent) {
    }

    private final JsonMapper json = JsonMapper.builder()
            .addModule(new SimpleModule().addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer())).build();

    @Test
    void ordinaryDecimalsPass() {
        assertThat(json.readValue("{\"percent\": 1.5}", Body.class).percent()).isEqualByComparingTo("1.5");
        assertThat(json.readValue("{\"percent\": 0E-999999999}", Body.class).percent()).isSameAs(BigDecimal.ZERO);
    }

    @Test
    void hugeExponentsAndDigitCountsAreRefusedAtTheReader() {
        for (String number : new String[]{"1E10000000", "1E-200000000", "1" + "0".repeat(60)}) {
            assertThatThrownBy(() -> json.readValue("{\"percent\": " + number + "}", Body.class))
                    .isInstanceOfSatisfying(InvalidFormatException.class, e -> assertThat(String.valueOf(e.getValue())).hasSizeLessThan(100));
        }
    }
}
