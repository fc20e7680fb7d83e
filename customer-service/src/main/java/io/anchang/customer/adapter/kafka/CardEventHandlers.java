package io.anchang.customer.adapter.kafka;

import io.anchang.customer.application.KeepingCards;
import io.anchang.customer.domain.card.CustomerCard;
import io.anchang.platform.events.EventEnvelope;
import io.anchang.platform.events.EventContracts;
import io.anchang.platform.events.customer.FollowUpRecorded;
import io.anchang.platform.events.customer.ReferralMade;
import io.anchang.platform.events.deal.BigDepositSigned;
import io.anchang.platform.events.deal.BreachRuled;
import io.anchang.platform.events.deal.ContractSigned;
import io.anchang.platform.events.deal.NameChanged;
import io.anchang.platform.events.deal.Refunded;
import io.anchang.platform.events.deal.SmallDepositLapsed;
import io.anchang.platform.events.deal.SmallDepositTaken;
import io.anchang.platform.events.deal.UnitChanged;
import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.messaging.TypedEventHandler;
import io.anchang.platform.security.Caller;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.function.Function;

/**
 * R-CUS-1, R-CUS-7: the card's status follows the deal where it happens — a small deposit, a big deposit with its
 * agreement, a small deposit lapsed, the contract, a refund, a cancellation for breach — and the archive's own events: a
 * follow-up, a referral. Unit and name changes are kept in the deal archive on the card.
 * Each event applies once. Another deal event plugs in as one more {@link #dealStep} handler.
 */
public final class CardEventHandlers {

    private static final Caller SYSTEM = Caller.system("customer-service");

    private CardEventHandlers() {
    }

    /**
     * A step of a deal read from an event of type {@code P}.
     *
     * @param ref  tells apart steps that happen more than once on a deal (a unit change's id), else null
     * @param note what the step changed, in words, else null
     */
    public record Step(String siteId, String customerId, String dealId, String unitLabel, String step, String reason, Instant at,
                       String ref, String note) {

        public Step(String siteId, String customerId, String dealId, String unitLabel, String step, String reason, Instant at) {
            this(siteId, customerId, dealId, unitLabel, step, reason, at, null, null);
        }
    }

    /**
     * One handler for one deal event: {@code step} reads the payload as a step of the deal (SMALL_DEPOSIT, BIG_DEPOSIT,
     * CONTRACT, REFUND or LAPSED), which moves the customer's status on their card.
     */
    public static <P> EventHandler dealStep(String name, Class<P> payload, JsonMapper mapper, KeepingCards cards, Function<P, Step> step) {
        String type = EventContracts.of(payload).type();
        return TypedEventHandler.of(name, payload, mapper, (EventEnvelope envelope, P p) -> {
            Step s = step.apply(p);
            return cards.moved(SYSTEM, s.siteId(), s.customerId(), card -> card.dealStep(new CustomerCard.DealStep(s.dealId(), s.unitLabel(),
                    s.step(), s.at(), type, s.ref(), s.note()), s.reason(), s.at()));
        });
    }

    public static EventHandler smallDeposit(KeepingCards cards, JsonMapper mapper) {
        return dealStep("customer.card-small-deposit", SmallDepositTaken.class, mapper, cards, p -> new Step(p.siteId(), p.customerId(),
                p.dealId(), p.unitLabel(), "SMALL_DEPOSIT", null, p.takenAt()));
    }

    public static EventHandler bigDeposit(KeepingCards cards, JsonMapper mapper) {
        return dealStep("customer.card-big-deposit", BigDepositSigned.class, mapper, cards, p -> new Step(p.siteId(), p.customerId(),
                p.dealId(), p.unitLabel(), "BIG_DEPOSIT", null, p.signedAt()));
    }

    public static EventHandler smallDepositLapsed(KeepingCards cards, JsonMapper mapper) {
        return dealStep("customer.card-small-deposit-lapsed", SmallDepositLapsed.class, mapper, cards, p -> new Step(p.siteId(),
                p.customerId(), p.dealId(), p.unitLabel(), "LAPSED", null, p.lapsedAt()));
    }

    /** R-CUS-7: the contract (签约) makes the customer an owner (业主) in the deal archive. */
    public static EventHandler contract(KeepingCards cards, JsonMapper mapper) {
        return dealStep("customer.card-contract", ContractSigned.class, mapper, cards, p -> new Step(p.siteId(), p.customerId(),
                p.dealId(), p.unitLabel(), "CONTRACT", null, p.signedAt()));
    }

    /** R-CUS-4, R-CUS-6: a refund before the contract: the customer is lost, the refund's reason in the notebook. */
    public static EventHandler refund(KeepingCards cards, JsonMapper mapper) {
        return dealStep("customer.card-refund", Refunded.class, mapper, cards, p -> new Step(p.siteId(), p.customerId(),
                p.dealId(), p.unitLabel(), "REFUND", p.reason() == null ? null : "退房 " + p.unitLabel() + "：" + p.reason(), p.refundedAt()));
    }

    /**
     * R-CUS-1, R-CUS-6, R-DEAL-9: a breach case ruled a cancellation — the customer is lost, the ruling's reason in the
     * notebook; a penalty leaves the deal and the card as they are.
     */
    public static EventHandler breachCancelled(KeepingCards cards, JsonMapper mapper) {
        EventHandler cancelled = dealStep("customer.card-breach-cancelled", BreachRuled.class, mapper, cards, p -> new Step(p.siteId(),
                p.customerId(), p.dealId(), p.unitLabel(), "CANCELLED", "违约解除 " + p.unitLabel() + (p.reason() == null || p.reason().isBlank()
                ? "" : "：" + p.reason().strip()), p.ruledAt()));
        return TypedEventHandler.of("customer.card-breach-cancelled", BreachRuled.class, mapper, (envelope, p) ->
                "CANCELLATION".equals(p.ruling()) ? cancelled.handle(envelope) : Mono.empty());
    }

    /** R-CUS-7, R-DEAL-7: a unit change (换房) is kept in the deal archive with the new unit; the status stays. */
    public static EventHandler unitChanged(KeepingCards cards, JsonMapper mapper) {
        return dealStep("customer.card-unit-changed", UnitChanged.class, mapper, cards, p -> new Step(p.siteId(), p.customerId(),
                p.dealId(), p.toUnitLabel(), "UNIT_CHANGED", null, p.changedAt(), p.changeId(),
                "换房 " + p.fromUnitLabel() + " → " + p.toUnitLabel()));
    }

    /**
     * R-CUS-7, R-DEAL-8: a name change (换名) is kept in the deal archive of the customer whose deal it is (the event names
     * the deal, not the customer: the card that holds the deal is found); the status stays.
     */
    public static EventHandler nameChanged(KeepingCards cards, JsonMapper mapper) {
        String type = EventContracts.of(NameChanged.class).type();
        return TypedEventHandler.of("customer.card-name-changed", NameChanged.class, mapper, (envelope, p) ->
                cards.movedByDeal(SYSTEM, p.siteId(), p.dealId(), card -> card.dealStep(new CustomerCard.DealStep(p.dealId(), p.unitLabel(),
                        "NAME_CHANGED", p.changedAt(), type, p.nameChangeId(), "更名 " + p.fromName() + " → " + p.toName()
                        + (p.afterContract() ? "（签约后，已交更名费）" : "（签约前，认购书作废重签）")), null, p.changedAt())));
    }

    /** R-CUS-1: a follow-up moves a recorded or classified customer to following. */
    public static EventHandler followedUp(KeepingCards cards, JsonMapper mapper) {
        return TypedEventHandler.of("customer.card-follow-up", FollowUpRecorded.class, mapper, (envelope, p) ->
                cards.moved(SYSTEM, p.siteId(), p.customerId(), card -> card.followedUp(p.rep(), p.at(), envelope.type())));
    }

    /** R-CUS-1: an owner who brought a new customer (老带新) becomes a referrer. */
    public static EventHandler referred(KeepingCards cards, JsonMapper mapper) {
        return TypedEventHandler.of("customer.card-referral", ReferralMade.class, mapper, (envelope, p) ->
                "REFERRAL".equals(p.kind()) ? cards.moved(SYSTEM, p.siteId(), p.referrerId(), card -> card.referred(p.recordedBy(), p.at(),
                        envelope.type())) : Mono.empty());
    }
}
