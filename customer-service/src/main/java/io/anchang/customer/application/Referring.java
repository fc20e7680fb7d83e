package io.anchang.customer.application;

import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.relations.Referral;
import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.events.customer.ReferralMade;
import io.anchang.platform.events.customer.ReferralRewardChanged;
import io.anchang.platform.money.Money;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.validation.Echo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * R-CUS-12 (制度2 三): who referred whom, and two customers introduced for business; a referral's reward (addition) is
 * proposed by a rep, approved or declined by the MANAGER, then given (a gift: SUPERVISOR, MANAGER or ASSISTANT) or paid
 * (cash: FINANCE only, R-SEC-2 — anyone else is refused and the attempt goes to the audit trail).
 */
public class Referring {

    public static final String PAYMENT_REFUSED = "security.payment-refused";
    /** The largest cash reward a referral may carry, in yuan. */
    public static final BigDecimal MAX_REWARD = new BigDecimal("1000000");
    /** The most referrals one list answers. */
    public static final int MAX_LIST = 500;

    private final Archive archive;
    private final Referrals referrals;
    private final AuditTrail audit;

    public Referring(Archive archive, Referrals referrals, AuditTrail audit) {
        this.archive = archive;
        this.referrals = referrals;
        this.audit = audit;
    }

    public Mono<Referral> record(Caller caller, String site, Referral.Kind kind, String referrerRef, String referredRef, String note) {
        caller.requireOn(site, Role.SALES);
        return Mono.zip(archive.customer(caller, site, referrerRef), archive.customer(caller, site, referredRef)).flatMap(both -> {
            Customer referrer = both.getT1();
            Customer referred = both.getT2();
            Instant now = archive.clock().instant();
            String id = Customer.idOf("referral", site + ":" + kind + ":" + referrer.id() + ":" + referred.id());
            Referral referral = Referral.record(id, site, kind, referrer.id(), referrer.archiveNo(), referred.id(), referred.archiveNo(),
                    note, caller.userId(), now);
            PendingEvent event = PendingEvent.of(site, id, new ReferralMade(id, site, kind.name(), referrer.id(), referrer.archiveNo(),
                    referred.id(), referred.archiveNo(), caller.userId(), now)).because("R-CUS-12 " + (kind == Referral.Kind.REFERRAL
                    ? "老带新" : "交叉合作介绍"));
            return referrals.save(caller, referral, 0, List.of(event)).flatMap(written -> written ? Mono.just(referral)
                    : Mono.error(ProblemException.conflict("referral-exists", "已记录过客户 " + referrer.archiveNo() + " 介绍 "
                    + referred.archiveNo() + " (This referral is recorded already)")));
        });
    }

    public Mono<Referral> proposeReward(Caller caller, String site, String referralId, Referral.RewardKind kind, String description,
                                        Money amount) {
        caller.requireOn(site, Role.SALES);
        if (amount != null && amount.amount().compareTo(MAX_REWARD) > 0) {
            throw ProblemException.invalid("reward-too-large", "奖励金额不能超过 100 万元 (A reward is at most 1,000,000 yuan)");
        }
        return change(caller, site, referralId, r -> r.rewardProposed(kind, description, amount, caller.userId(), archive.clock().instant()));
    }

    /** APPROVED or DECLINED (the MANAGER), GIVEN (a gift), PAID (cash: FINANCE only). */
    public Mono<Referral> moveReward(Caller caller, String site, String referralId, Referral.RewardState to, String note) {
        caller.scope().requireWrite(site);
        if (to == Referral.RewardState.PAID && !caller.has(Role.FINANCE)) {
            // R-SEC-2: only FINANCE records money; the attempt is audited
            return audit.record(new AuditRecord(UUID.randomUUID().toString(), site, archive.clock().instant(), caller.userId(), PAYMENT_REFUSED,
                            referralId.length() > 64 ? referralId.substring(0, 64) : referralId, null, null,
                            "R-SEC-2 拒绝：" + caller.name() + " 试图登记介绍奖励已付款；只有财务可以登记付款"))
                    .then(Mono.error(ProblemException.forbidden("finance-only", "只有财务可以登记现金奖励已支付；此次尝试已记入审计 "
                            + "(R-SEC-2: only FINANCE records money; this attempt was audited)")));
        }
        switch (to) {
            case APPROVED, DECLINED -> caller.requireOn(site, Role.MANAGER);
            case GIVEN -> caller.requireOn(site, Role.SUPERVISOR, Role.ASSISTANT);
            case PAID -> caller.requireOn(site, Role.FINANCE);
            case PROPOSED -> throw ProblemException.invalid("reward-step-invalid", "提出奖励请用奖励接口 (Propose a reward with its own request)");
            default -> throw new IllegalStateException();
        }
        return change(caller, site, referralId, r -> r.rewardMoved(to, caller.userId(), archive.clock().instant(), note));
    }

    /**
     * The site's referrals, newest first, at most {@code size} (1..{@value #MAX_LIST}, all of them up to that if null): those a
     * customer is part of if {@code customerRef} is given, those whose reward stands in {@code status} (PROPOSED, APPROVED,
     * GIVEN, PAID, DECLINED) and is of {@code reward} (GIFT, CASH) if given — FINANCE asks for the approved cash rewards only; saying
     * whether the limit cut the list.
     */
    public Mono<Capped<Referral>> list(Caller caller, String site, String customerRef, String status, String reward, Integer size) {
        Archive.requireReader(caller, site, Role.SALES, Role.ASSISTANT, Role.FINANCE);
        Referral.RewardState state = rewardState(status);
        Referral.RewardKind kind = rewardKind(reward);
        if (size != null && (size < 1 || size > MAX_LIST)) {
            throw ProblemException.invalid("page-size-invalid", "每次最多列出 1 到 " + MAX_LIST + " 条介绍记录 (size must be 1.." + MAX_LIST + ")");
        }
        int limit = size == null ? MAX_LIST : size;
        if (customerRef == null || customerRef.isBlank()) {
            return Capped.of(referrals.of(caller.scope(), site, null, state, kind, limit + 1), limit);
        }
        return archive.customer(caller, site, customerRef)
                .flatMap(c -> Capped.of(referrals.of(caller.scope(), site, c.id(), state, kind, limit + 1), limit));
    }

    private static Referral.RewardState rewardState(String status) {
        return oneOf(Referral.RewardState.class, status, () -> ProblemException.invalid("reward-state-unknown", "没有这个奖励状态："
                + Echo.of(status) + "；可选 PROPOSED（待审批）、APPROVED（已批准）、GIVEN（已发放）、PAID（已付款）、DECLINED（未批准） (Unknown reward state)"));
    }

    private static Referral.RewardKind rewardKind(String reward) {
        return oneOf(Referral.RewardKind.class, reward, () -> ProblemException.invalid("reward-kind-unknown", "没有这种奖励方式："
                + Echo.of(reward) + "；可选 GIFT（礼品）、CASH（现金） (Unknown reward kind)"));
    }

    /** The constant named {@code given} (blank: none), else the problem. */
    private static <E extends Enum<E>> E oneOf(Class<E> type, String given, java.util.function.Supplier<ProblemException> unknown) {
        if (given == null || given.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(given.trim())) {
                return constant;
            }
        }
        throw unknown.get();
    }

    private Mono<Referral> change(Caller caller, String site, String referralId, java.util.function.UnaryOperator<Referral> change) {
        return Changes.changeExisting(() -> referrals.byId(caller.scope(), site, referralId),
                () -> ProblemException.notFound("referral-unknown", "没有这条介绍记录 (No referral " + referralId + ")"), stored -> {
                    Referral before = stored.value();
                    Referral after = change.apply(before);
                    if (after == before) {
                        return Mono.just(after);
                    }
                    Referral.Reward reward = after.reward();
                    Referral.Step step = reward.steps().get(reward.steps().size() - 1);
                    PendingEvent event = PendingEvent.of(site, after.id(), new ReferralRewardChanged(after.id(), site, after.referrerId(),
                                    reward.kind().name(), reward.description(), reward.amount() == null ? null : reward.amount().amount(),
                                    reward.state().name(), step.by(), step.at()))
                            .before(before.reward() == null ? null : before.reward().state().name()).because("R-CUS-12 介绍奖励");
                    return Changes.written(referrals.save(caller, after, stored.version(), List.of(event)), after);
                });
    }
}
