package io.anchang.platform.phone;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneKeyTest {

    private static final PhoneKey KEY = PhoneKey.of("a-test-key-of-enough-length");

    @Test
    @DisplayName("R-SEC-3 R-CUS-3 one number in any spelling has one keyed hash, which shows nothing of the number")
    void oneNumberOneHash() {
        String a = KEY.hash(Phone.parse("138 0013 8000"));
        String b = KEY.hash(Phone.parse("+86-138-0013-8000"));
        assertThat(a).isEqualTo(b).hasSize(43).doesNotContain("8000").doesNotContain("138");
        assertThat(KEY.hash(Phone.parse("138 0013 8001"))).isNotEqualTo(a);
    }

    @Test
    @DisplayName("R-SEC-3 without the key the hash cannot be recomputed: another key gives another hash")
    void anotherKeyAnotherHash() {
        Phone phone = Phone.parse("13800138000");
        assertThat(PhoneKey.of("another-test-key-of-length").hash(phone)).isNotEqualTo(KEY.hash(phone));
    }

    @Test
    void aShortSecretIsRefusedAndTheKeyIsNeverPrinted() {
        assertThatThrownBy(() -> PhoneKey.of("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneKey.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(KEY.toString()).doesNotContain("test-key");
    }
}
