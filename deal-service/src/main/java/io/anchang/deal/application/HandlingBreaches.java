package io.anchang.deal.application;

import io.anchang.deal.domain.Dealing;
import io.anchang.deal.domain.Unit;
import io.anchang.platform.events.deal.BreachOpened;
import io.anchang.platform.events.deal.BreachRuled;
import io.anchang.platform.events.deal.UnitReleased;
import io.anchang.platform.events.finance.PaymentOverdue;
import io.anchang.platform.money.Money;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * R-DEAL-9, arrears (违约): recovering what is owed comes first — finance-service's daily check sends the
 * reminders (R-FIN-3) — and an amount overdue more than {@code breachMonths} makes the deal a breach case
 * for the MANAGER, who rules a penalty (due at the finance desk) or cancellation, which returns the unit to
 * sale and reverses the credit and shares (R-ATT-17).
 */
public class HandlingBreaches {

    private final UnitWrites writes;
    private final Clock clock;

    public HandlingBreaches(UnitWrites writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    /** {@code finance.payment-overdue} past {@code breachMonths}: a breach case opens, one per due, one open at a time. */
    public Mono<Void> overdue(PaymentOverdue overdue) {
        if (!overdue.breach() || overdue.dealId() == null) {
            return Mono.empty();
        }
        String breachId = "breach-" + overdue.dueId();
        Instant now = clock.instant();
        return writes.deal(overdue.siteId(), overdue.dealId(),
                unit -> unit.openBreach(breachId, overdue.dueId(), overdue.dueOn(), new Money(overdue.outstanding()), now),
                (before, after) -> List.of(PendingEvent.of(after.siteId(), after.id(), new BreachOpened(breachId, after.sale().dealId(),
                        after.siteId(), after.id(), after.label(), overdue.dueId(), overdue.dueOn(), overdue.outstanding(), now))
                        .because("R-DEAL-9 逾期超过 " + overdue.breachMonths() + " 个月（应付日 " + overdue.dueOn() + "）"))).then();
    }

    /** R-DEAL-9: the MANAGER rules the open case: PENALTY with its amount, or CANCELLATION with what of the money paid goes back. */
    public Mono<HoldingUnits.Answer> rule(Caller caller, String site, String unitId, String ruling, Money penalty, Money refundAmount,
                                         String reason) {
        caller.requireOn(site, Role.MANAGER);
        Instant now = clock.instant();
        return writes.change(caller, site, unitId, "breach-ruling", null,
                unit -> unit.ruleBreach(ruling, penalty, refundAmount, reason, caller.userId(), now),
                (before, after) -> ruled(before, ruling, penalty, refundAmount, reason, caller, now));
    }

    private static List<PendingEvent> ruled(Unit before, String ruling, Money penalty, Money refundAmount, String reason, Caller caller,
                                            Instant at) {
        Unit.Sale sale = before.sale();
        Dealing.Breach open = sale.dealing().openBreach().orElseThrow();
        boolean cancelled = "CANCELLATION".equals(ruling);
        List<PendingEvent> events = new ArrayList<>();
        if (cancelled) {
            events.add(PendingEvent.of(before.siteId(), before.id(), new UnitReleased(before.id(), before.siteId(), before.label(), null,
                    "BREACH_CANCELLED", caller.userId(), at)).before(before.status()).because("R-DEAL-9 违约解约"));
        }
        events.add(PendingEvent.of(before.siteId(), before.id(), new BreachRuled(open.breachId(), sale.dealId(), before.siteId(), before.id(),
                before.label(), sale.customerId(), ruling, cancelled || penalty == null ? null : penalty.amount(), sale.paidInAll().amount(),
                cancelled ? Optional.ofNullable(refundAmount).orElse(Money.ZERO).amount() : null, reason,
                cancelled ? Deals.shares(sale) : List.of(), caller.userId(), at)).because(reason));
        return events;
    }
}
