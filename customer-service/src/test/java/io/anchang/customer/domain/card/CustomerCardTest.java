package io.anchang.customer.domain.card;

import io.anchang.platform.problem.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerCardTest {

    private static final Instant T = Instant.parse("2026-12-01T02:00:00Z");

    private static CustomerCard.DealStep step(String step) {
        return new CustomerCard.DealStep("deal-1", "1-502", step, T, "deal.test");
    }

    @Test
    @DisplayName("R-CUS-2 a class change keeps its history, who and why; the first class moves a recorded customer to classified")
    void classHistory() {
        CustomerCard card = CustomerCard.blank("c1", "SH01", "SH01-000001")
                .classified(CustomerCard.IntentClass.B, "首次来访，预算合适", "rep1", T)
                .classified(CustomerCard.IntentClass.A, "二次来访带家人", "rep1", T.plusSeconds(86_400));
        assertThat(card.classHistory()).extracting(c -> c.from() + "→" + c.to() + " " + c.reason())
                .containsExactly("null→B 首次来访，预算合适", "B→A 二次来访带家人");
        assertThat(card.status()).isEqualTo(CustomerCard.Status.CLASSIFIED);
        assertThat(card.classified(CustomerCard.IntentClass.A, null, "rep1", T)).isSameAs(card);
        assertThatThrownBy(() -> card.classified(null, null, "rep1", T)).isInstanceOf(ProblemException.class);
    }

    @Test
    @DisplayName("R-CUS-1 the status follows the deal: a deposit, the big deposit (成交), the contract (业主) and a refund (lost, with its reason)")
    void statusFollowsTheDeal() {
        CustomerCard card = CustomerCard.blank("c1", "SH01", "SH01-000001").followedUp("rep1", T, "customer.follow-up-recorded");
        assertThat(card.status()).isEqualTo(CustomerCard.Status.FOLLOWING);
        card = card.dealStep(step("SMALL_DEPOSIT"), null, T);
        assertThat(card.status()).isEqualTo(CustomerCard.Status.DEPOSIT);
        card = card.dealStep(step("BIG_DEPOSIT"), null, T);
        assertThat(card.status()).isEqualTo(CustomerCard.Status.DEAL);
        assertThat(card.dealStep(step("BIG_DEPOSIT"), null, T)).as("the same event again").isSameAs(card);
        CustomerCard owner = card.dealStep(step("CONTRACT"), null, T);
        assertThat(owner.status()).isEqualTo(CustomerCard.Status.OWNER);
        assertThat(owner.referred("rep1", T, "customer.referral-made").status()).isEqualTo(CustomerCard.Status.REFERRER);
        CustomerCard refunded = card.dealStep(step("REFUND"), "资金周转困难", T);
        assertThat(refunded.status()).isEqualTo(CustomerCard.Status.LOST);
        assertThat(refunded.notebook().refundReasons()).isEqualTo("资金周转困难");
        assertThat(refunded.statusHistory()).extracting(CustomerCard.StatusChange::to).containsExactly(CustomerCard.Status.FOLLOWING,
                CustomerCard.Status.DEPOSIT, CustomerCard.Status.DEAL, CustomerCard.Status.LOST);
    }

    @Test
    @DisplayName("R-CUS-6 a lost customer keeps the reason, stays lost through follow-ups until reopened; a small deposit that lapses goes back to following")
    void lostAndFollowedAgain() {
        CustomerCard lost = CustomerCard.blank("c1", "SH01", "SH01-000001").lost("嫌总价高", "rep1", T);
        assertThat(lost.status()).isEqualTo(CustomerCard.Status.LOST);
        assertThat(lost.notebook().reasonsNotBuying()).isEqualTo("嫌总价高");
        assertThat(lost.followedUp("rep1", T, "x")).isSameAs(lost);
        assertThat(lost.reopened("降价后再联系", "rep1", T).status()).isEqualTo(CustomerCard.Status.FOLLOWING);
        assertThatThrownBy(() -> lost.lost(" ", "rep1", T)).hasMessageContaining("原因");
        CustomerCard lapsed = CustomerCard.blank("c2", "SH01", "SH01-000002").dealStep(step("SMALL_DEPOSIT"), null, T)
                .dealStep(step("LAPSED"), null, T);
        assertThat(lapsed.status()).isEqualTo(CustomerCard.Status.FOLLOWING);
        CustomerCard dealt = CustomerCard.blank("c3", "SH01", "SH01-000003").dealStep(step("BIG_DEPOSIT"), null, T);
        assertThatThrownBy(() -> dealt.lost("x", "rep1", T)).hasMessageContaining("退房");
    }

    @Test
    @DisplayName("R-CUS-1 R-CUS-6 R-CUS-7 a cancellation for breach after the contract makes the owner lost with the ruling's reason; once only")
    void aBreachCancellationLosesTheOwner() {
        CustomerCard owner = CustomerCard.blank("c1", "SH01", "SH01-000001").dealStep(step("BIG_DEPOSIT"), null, T)
                .dealStep(step("CONTRACT"), null, T);
        CustomerCard cancelled = owner.dealStep(step("CANCELLED"), "违约解除 1-502：逾期三个月未付第二期", T.plusSeconds(60));
        assertThat(cancelled.status()).isEqualTo(CustomerCard.Status.LOST);
        assertThat(cancelled.statusHistory().get(cancelled.statusHistory().size() - 1).reason()).isEqualTo("违约解除 1-502：逾期三个月未付第二期");
        assertThat(cancelled.notebook().refundReasons()).isEqualTo("违约解除 1-502：逾期三个月未付第二期");
        assertThat(cancelled.dealStep(step("CANCELLED"), "again", T)).as("the same ruling again").isSameAs(cancelled);
    }

    @Test
    @DisplayName("R-CUS-1 R-CUS-7 a refund or cancellation of one deal leaves an owner whose other deal goes on an owner")
    void anotherDealGoesOn() {
        CustomerCard twoUnits = CustomerCard.blank("c1", "SH01", "SH01-000001").dealStep(step("BIG_DEPOSIT"), null, T)
                .dealStep(step("CONTRACT"), null, T)
                .dealStep(new CustomerCard.DealStep("deal-2", "2-101", "BIG_DEPOSIT", T, "deal.test"), null, T);
        CustomerCard refunded = twoUnits.dealStep(new CustomerCard.DealStep("deal-2", "2-101", "REFUND", T, "deal.test"), "只要一套", T);
        assertThat(refunded.status()).isEqualTo(CustomerCard.Status.OWNER);
        assertThat(refunded.notebook().refundReasons()).isEqualTo("只要一套");
        assertThat(refunded.dealStep(step("CANCELLED"), null, T).status()).as("and then the last one cancelled").isEqualTo(CustomerCard.Status.LOST);
    }

    @Test
    @DisplayName("R-CUS-1 R-CUS-7 when one deal ends, the status is the furthest step of the deals that go on")
    void theStatusFollowsTheDealsThatGoOn() {
        CustomerCard dealAndDeposit = CustomerCard.blank("c1", "SH01", "SH01-000001").dealStep(step("BIG_DEPOSIT"), null, T)
                .dealStep(new CustomerCard.DealStep("deal-2", "2-101", "SMALL_DEPOSIT", T, "deal.test"), null, T);
        assertThat(dealAndDeposit.status()).isEqualTo(CustomerCard.Status.DEAL);
        CustomerCard refunded = dealAndDeposit.dealStep(new CustomerCard.DealStep("deal-1", "1-502", "REFUND", T, "deal.test"), "换别的楼盘", T);
        assertThat(refunded.status()).as("only a small deposit goes on").isEqualTo(CustomerCard.Status.DEPOSIT);
        assertThat(refunded.statusHistory().get(refunded.statusHistory().size() - 1).reason()).contains("换别的楼盘");

        CustomerCard ownerAndDeal = CustomerCard.blank("c1", "SH01", "SH01-000001").dealStep(step("BIG_DEPOSIT"), null, T)
                .dealStep(step("CONTRACT"), null, T)
                .dealStep(new CustomerCard.DealStep("deal-2", "2-101", "BIG_DEPOSIT", T, "deal.test"), null, T);
        assertThat(ownerAndDeal.status()).isEqualTo(CustomerCard.Status.OWNER);
        assertThat(ownerAndDeal.dealStep(step("CANCELLED"), "违约", T).status())
                .as("the contracted unit cancelled for breach, the other only subscribed").isEqualTo(CustomerCard.Status.DEAL);
    }

    @Test
    @DisplayName("R-CUS-7 unit and name changes are kept in the deal archive, each change once, the status unchanged")
    void unitAndNameChangesAreKept() {
        CustomerCard dealt = CustomerCard.blank("c1", "SH01", "SH01-000001").dealStep(step("BIG_DEPOSIT"), null, T);
        CustomerCard changed = dealt
                .dealStep(new CustomerCard.DealStep("deal-1", "1-803", "UNIT_CHANGED", T, "deal.unit-changed", "uc-1", "换房 1-502 → 1-803"), null, T)
                .dealStep(new CustomerCard.DealStep("deal-1", "1-502", "UNIT_CHANGED", T, "deal.unit-changed", "uc-2", "换房 1-803 → 1-502"), null, T)
                .dealStep(new CustomerCard.DealStep("deal-1", "1-502", "NAME_CHANGED", T, "deal.name-changed", "nc-1", "更名 张三 → 李四"), null, T);
        assertThat(changed.status()).isEqualTo(CustomerCard.Status.DEAL);
        assertThat(changed.statusHistory()).isEqualTo(dealt.statusHistory());
        assertThat(changed.deals()).extracting(d -> d.step() + " " + d.unitLabel())
                .containsExactly("BIG_DEPOSIT 1-502", "UNIT_CHANGED 1-803", "UNIT_CHANGED 1-502", "NAME_CHANGED 1-502");
        assertThat(changed.dealStep(new CustomerCard.DealStep("deal-1", "1-803", "UNIT_CHANGED", T, "deal.unit-changed", "uc-1", "x"), null, T))
                .as("the first change again").isSameAs(changed);
    }
}
