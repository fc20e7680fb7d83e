package io.anchang.platform.site;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The site policy settings of RULES.md section P. */
class PolicySettingsTest {

    @Test
    void defaultsAreTheRulebooks() {
        PolicySettings p = PolicySettings.defaults();
        assertThat(p.protectionMonths()).isEqualTo(2);
        assertThat(p.protectionRenewsOn()).isEqualTo(ProtectionRenewal.VISIT);
        assertThat(p.owedTurnsWhenBusy()).isFalse();
        assertThat(p.namedFirstVisitUsesTurn()).isTrue();
        assertThat(p.splitRefusedOwner()).isEqualTo(Split.of(80, 20));
        assertThat(p.splitHelperSameDay()).isEqualTo(Split.of(50, 50));
        assertThat(p.splitHelperLater()).isEqualTo(Split.of(80, 20));
        assertThat(p.splitForgotten()).isEqualTo(Split.of(50, 50));
        assertThat(p.splitNamedLater()).isEqualTo(Split.of(50, 50));
        assertThat(p.holdMinutes()).isEqualTo(30);
        assertThat(p.smallDepositDays()).isEqualTo(7);
        assertThat(p.contractDays()).isEqualTo(15);
        assertThat(p.transferFeePercent()).isEqualByComparingTo("1.0");
        assertThat(p.breachMonths()).isEqualTo(2);
        assertThat(p.repDiscountPercent()).isEqualByComparingTo("1.0");
        assertThat(p.managerDiscountPercent()).isEqualByComparingTo("3.0");
    }

    @Test
    void aSplitMustSumToOneHundred() {
        assertThatThrownBy(() -> Split.of(80, 30)).hasMessageContaining("sum to 100");
        assertThatThrownBy(() -> Split.of(-10, 110)).hasMessageContaining("0..100");
    }

    @Test
    void impossibleSettingsAreRefusedWithEveryProblemNamed() {
        PolicySettings d = PolicySettings.defaults();
        assertThatThrownBy(() -> new PolicySettings(0, d.protectionRenewsOn(), false, true, d.splitRefusedOwner(),
                d.splitHelperSameDay(), d.splitHelperLater(), d.splitForgotten(), d.splitNamedLater(), 0, 7, 15,
                d.transferFeePercent(), null, 2, new BigDecimal("5"), new BigDecimal("3"))
        ).hasMessageContaining("protectionMonths").hasMessageContaining("holdMinutes")
                .hasMessageContaining("repDiscountPercent (5) may not exceed managerDiscountPercent");
    }

    @Test
    void theSettingsInForceFollowTheEffectiveDates() {
        PolicySettings longer = withProtection(3);
        PolicySettings longest = withProtection(4);
        SiteProfile site = new SiteProfile("SH01", "案场", "Asia/Shanghai", 3, List.of(), List.of(
                new PolicyVersion(LocalDate.of(2026, 12, 1), longest, "mgr", Instant.now(), "later"),
                new PolicyVersion(LocalDate.of(2026, 11, 1), longer, "mgr", Instant.now(), "earlier")));
        assertThat(site.policyOn(LocalDate.of(2026, 10, 31))).isEqualTo(PolicySettings.defaults());
        assertThat(site.policyOn(LocalDate.of(2026, 11, 1)).protectionMonths()).isEqualTo(3);
        assertThat(site.policyOn(LocalDate.of(2026, 11, 30)).protectionMonths()).isEqualTo(3);
        assertThat(site.policyOn(LocalDate.of(2026, 12, 1)).protectionMonths()).isEqualTo(4);
    }

    private static PolicySettings withProtection(int months) {
        PolicySettings d = PolicySettings.defaults();
        return new PolicySettings(months, d.protectionRenewsOn(), d.owedTurnsWhenBusy(), d.namedFirstVisitUsesTurn(),
                d.splitRefusedOwner(), d.splitHelperSameDay(), d.splitHelperLater(), d.splitForgotten(), d.splitNamedLater(),
                d.holdMinutes(), d.smallDepositDays(), d.contractDays(), d.transferFeePercent(), d.transferFeeFixed(),
                d.breachMonths(), d.repDiscountPercent(), d.managerDiscountPercent());
    }
}
