package io.anchang.customer.domain.relations;

import io.anchang.platform.money.Money;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferralTest {

    private final Referral referral = Referral.record("r1", "SH01", Referral.Kind.REFERRAL, "old", "SH01-000001", "new", "SH01-000002",
            null, "rep1", Instant.EPOCH);

    @Test
    @DisplayName("R-CUS-12 a cash reward goes proposed → approved → paid; a gift proposed → approved → given; nothing skips the approval")
    void rewardSteps() {
        Referral cash = referral.rewardProposed(Referral.RewardKind.CASH, "老带新奖励", Money.of("2000.00"), "rep1", Instant.EPOCH);
        assertThatThrownBy(() -> cash.rewardMoved(Referral.RewardState.PAID, "fin", Instant.EPOCH, null)).hasMessageContaining("PROPOSED");
        Referral paid = cash.rewardMoved(Referral.RewardState.APPROVED, "mgr", Instant.EPOCH, null)
                .rewardMoved(Referral.RewardState.PAID, "fin", Instant.EPOCH, "转账");
        assertThat(paid.reward().steps()).extracting(Referral.Step::state)
                .containsExactly(Referral.RewardState.PROPOSED, Referral.RewardState.APPROVED, Referral.RewardState.PAID);
        Referral gift = referral.rewardProposed(Referral.RewardKind.GIFT, "一年物业费", null, "rep1", Instant.EPOCH)
                .rewardMoved(Referral.RewardState.APPROVED, "mgr", Instant.EPOCH, null);
        assertThatThrownBy(() -> gift.rewardMoved(Referral.RewardState.PAID, "fin", Instant.EPOCH, null)).hasMessageContaining("GIVEN");
        assertThat(gift.rewardMoved(Referral.RewardState.GIVEN, "asst", Instant.EPOCH, null).reward().state())
                .isEqualTo(Referral.RewardState.GIVEN);
    }

    @Test
    @DisplayName("R-CUS-12 a customer cannot refer themselves; an introduction carries no reward; a cash reward needs its amount")
    void badReferrals() {
        assertThatThrownBy(() -> Referral.record("r2", "SH01", Referral.Kind.REFERRAL, "c", "A", "c", "A", null, "rep1", Instant.EPOCH))
                .hasMessageContaining("不能介绍自己");
        Referral introduction = Referral.record("r3", "SH01", Referral.Kind.CROSS_INTRODUCTION, "a", "A", "b", "B", null, "rep1", Instant.EPOCH);
        assertThatThrownBy(() -> introduction.rewardProposed(Referral.RewardKind.GIFT, "礼品", null, "rep1", Instant.EPOCH))
                .hasMessageContaining("没有奖励");
        assertThatThrownBy(() -> referral.rewardProposed(Referral.RewardKind.CASH, "现金", null, "rep1", Instant.EPOCH))
                .hasMessageContaining("金额");
    }
}
