package io.anchang.reporting.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

    @Test
    @DisplayName("R-SEC-3 a phone is shown masked whatever the event carried: full numbers lose their middle four digits")
    void phonesAreMasked() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.phone("+86 138 1234 5678")).isEqualTo("138****5678");
        assertThat(Masking.phone("138****5678")).isEqualTo("138****5678");
        assertThat(Masking.phone(null)).isNull();
    }

    @Test
    @DisplayName("R-SEC-3 head office sees a customer's name masked after its first character")
    void namesAreMasked() {
        assertThat(Masking.name("孙丽华")).isEqualTo("孙**");
        assertThat(Masking.name("王")).isEqualTo("王*");
    }
}
