package io.anchang.platform.validation;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextTest {

    record Named(@PlainText(max = 10) String name, @PlainText(max = 50, multiline = true) String reason) {
    }

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void acceptsNamesAsPeopleTypeThem() {
        assertThat(validator.validate(new Named("王喆", "客户要求\n改天再来"))).isEmpty();
        assertThat(validator.validate(new Named("𠮷野家", null))).isEmpty();
        assertThat(validator.validate(new Named(null, null))).isEmpty();
    }

    @Test
    void refusesControlCharactersTooLongTextAndDirectionOverrides() {
        assertThat(validator.validate(new Named("王\u0000喆", null))).hasSize(1);
        assertThat(validator.validate(new Named("王\n喆", null))).hasSize(1);
        assertThat(validator.validate(new Named("\u202Egnaw", null))).hasSize(1);
        assertThat(validator.validate(new Named("\u001B[31m", null))).hasSize(1);
        assertThat(validator.validate(new Named("一二三四五六七八九十一", null))).hasSize(1);
        assertThat(validator.validate(new Named("ok", "bell\u0007"))).hasSize(1);
        assertThat(validator.validate(new Named("\uD800x", null))).hasSize(1);
        assertThat(validator.validate(new Named("王喆", null)).stream().map(v -> v.getMessage()).toList()).isEmpty();
    }

    @Test
    void anEchoIsShortAndShowsNoControlCharacters() {
        assertThat(Echo.of("x".repeat(100_000))).hasSizeLessThan(60).contains("100000 chars");
        assertThat(Echo.of("a\u0000b\u202Ec")).isEqualTo("a?b?c");
        assertThat(Echo.of(new BigDecimal("1E10000000"))).isEqualTo("1E+10000000");
    }
}
