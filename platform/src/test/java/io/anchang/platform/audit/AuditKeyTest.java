package io.anchang.platform.audit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditKeyTest {

    @Test
    @DisplayName("R-SEC-4 without ANCHANG_AUDIT_KEY a service does not start, except in the local and test profiles")
    void aKeyIsRequiredOutsideLocalAndTest() {
        assertThatThrownBy(() -> AuditKey.configured(null, List.of())).hasMessageContaining("ANCHANG_AUDIT_KEY");
        assertThatThrownBy(() -> AuditKey.configured("", List.of("prod"))).hasMessageContaining("ANCHANG_AUDIT_KEY");
        assertThatThrownBy(() -> AuditKey.of("too-short")).hasMessageContaining("32");
        assertThat(AuditKey.configured(null, List.of("local")).mac("x"))
                .isEqualTo(AuditKey.of(AuditKey.DEVELOPMENT_KEY).mac("x"));
    }

    @Test
    void differentKeysGiveDifferentMacs() {
        AuditKey one = AuditKey.of("a".repeat(32));
        AuditKey two = AuditKey.of("b".repeat(32));
        assertThat(one.mac("entry")).hasSize(64).isNotEqualTo(two.mac("entry")).isEqualTo(one.mac("entry"));
        assertThat(one.toString()).doesNotContain("a".repeat(32));
    }
}
