package io.anchang.customer.domain.relations;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A referral (R-CUS-12; 制度2 三): an existing customer or owner brought a new customer (老带新), or the rep introduced
 * two customers to each other for business (交叉合作) — recorded with who referred whom and, for a referral, its reward
 * (addition): proposed by the rep, approved by the MANAGER, then given (a gift) or paid (cash — by FINANCE only, R-SEC-2),
 * or declined. Who owns the new customer is R-ATT-13's question, not this record's.
 */
public record Referral(String id, String siteId, Kind kind, String referrerId, String referrerArchiveNo, String referredId,
                       String referredArchiveNo, String note, String recordedBy, Instant at, Reward reward) {

    public enum Kind { REFERRAL, CROSS_INTRODUCTION }

    public enum RewardKind { GIFT, CASH }

    public enum RewardState { PROPOSED, APPROVED, GIVEN, PAID, DECLINED }

    /** A reward and its way: each step who and when. */
    public record Reward(RewardKind kind, String description, Money amount, RewardState state, List<Step> steps) {

        public Reward {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    public record Step(RewardState state, String by, Instant at, String note) {
    }

    public static Referral record(String id, String siteId, Kind kind, String referrerId, String referrerArchiveNo, String referredId,
                                  String referredArchiveNo, String note, String by, Instant at) {
        if (kind == null) {
            throw ProblemException.invalid("referral-kind-missing", "请注明是老带新（REFERRAL）还是交叉合作介绍（CROSS_INTRODUCTION）");
        }
        if (referrerId.equals(referredId)) {
            throw ProblemException.invalid("referral-self", "客户不能介绍自己 (A customer cannot refer themselves)");
        }
        return new Referral(id, siteId, kind, referrerId, referrerArchiveNo, referredId, referredArchiveNo, note, by, at, null);
    }

    /** The rep proposes a reward for the referrer: a gift described, or a cash amount. */
    public Referral rewardProposed(RewardKind kind, String description, Money amount, String by, Instant at) {
        if (this.kind != Kind.REFERRAL) {
            throw ProblemException.conflict("reward-not-for-introductions", "交叉合作介绍没有奖励 (Introductions carry no reward)");
        }
        if (reward != null && reward.state() != RewardState.DECLINED) {
            throw ProblemException.conflict("reward-exists", "这次介绍已有奖励（" + reward.state() + "） (This referral has a reward already)");
        }
        if (kind == null || description == null || description.isBlank()) {
            throw ProblemException.invalid("reward-invalid", "请写明奖励方式（礼品 GIFT 或现金 CASH）和内容 (Give the reward's kind and what it is)");
        }
        if (kind == RewardKind.CASH && (amount == null || amount.amount().signum() <= 0)) {
            throw ProblemException.invalid("reward-amount-missing", "现金奖励须写明金额 (A cash reward needs its amount)");
        }
        Money kept = kind == RewardKind.CASH ? amount : null;
        return with(new Reward(kind, description.strip(), kept, RewardState.PROPOSED,
                List.of(new Step(RewardState.PROPOSED, by, at, null))));
    }

    /**
     * Moves the reward on: APPROVED or DECLINED from PROPOSED (the MANAGER); GIVEN (a gift) or PAID (cash) once approved.
     * Who may make each move is the use case's to check (PAID: FINANCE only).
     */
    public Referral rewardMoved(RewardState to, String by, Instant at, String note) {
        if (reward == null) {
            throw ProblemException.conflict("reward-missing", "这次介绍还没有提出奖励 (No reward was proposed)");
        }
        RewardState from = reward.state();
        if (from == to) {
            return this;
        }
        boolean allowed = switch (to) {
            case APPROVED, DECLINED -> from == RewardState.PROPOSED;
            case GIVEN -> from == RewardState.APPROVED && reward.kind() == RewardKind.GIFT;
            case PAID -> from == RewardState.APPROVED && reward.kind() == RewardKind.CASH;
            case PROPOSED -> false;
        };
        if (!allowed) {
            throw ProblemException.conflict("reward-step-invalid", "奖励不能从 " + from + " 变为 " + to
                    + "（礼品审批后发放，现金审批后由财务支付） (A reward goes PROPOSED → APPROVED → GIVEN for a gift or PAID for cash, or DECLINED)");
        }
        List<Step> steps = new ArrayList<>(reward.steps());
        steps.add(new Step(to, by, at, note));
        return with(new Reward(reward.kind(), reward.description(), reward.amount(), to, steps));
    }

    private Referral with(Reward next) {
        return new Referral(id, siteId, kind, referrerId, referrerArchiveNo, referredId, referredArchiveNo, note, recordedBy, at, next);
    }
}
