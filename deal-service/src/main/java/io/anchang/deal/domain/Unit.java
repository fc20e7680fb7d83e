package io.anchang.deal.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A unit of a building (R-DEAL-1) and its sale in progress: the hold, the deposit the rep
 * asked the finance desk to take, the deposits FINANCE confirmed, the subscription
 * agreement and the credit. Every method answers the unit after the change, or refuses;
 * the store writes it only if nobody changed the unit meanwhile (its {@code version}), so
 * of any number of concurrent attempts on one unit exactly one wins.
 */
public record Unit(String id, String siteId, String buildingCode, String number, int floor, String layout,
                   BigDecimal area, Money listPrice, String orientation, String grade, UnitStatus status,
                   Hold hold, Reservation reservation, DepositRequest request, Sale sale, List<String> answered, long version) {

    /** How many of the latest writes' request ids a unit remembers, to answer their repeats (issue 10). */
    public static final int ANSWERED_KEPT = 20;

    public Unit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(status, "status");
        answered = answered == null ? List.of() : List.copyOf(answered);
    }

    /**
     * Whether the write {@code action} with the client's {@code requestId} was applied to this unit
     * already: its repeat answers the unit as it is, and changes nothing (issue 10).
     */
    public boolean answered(String action, String requestId) {
        return requestId != null && answered.contains(action + ":" + requestId);
    }

    /** This unit remembering that the write {@code action} with {@code requestId} was applied, with the latest others. */
    public Unit answering(String action, String requestId) {
        if (requestId == null) {
            return this;
        }
        List<String> kept = new ArrayList<>(answered);
        kept.add(action + ":" + requestId);
        while (kept.size() > ANSWERED_KEPT) {
            kept.remove(0);
        }
        return new Unit(id, siteId, buildingCode, number, floor, layout, area, listPrice, orientation, grade, status, hold,
                reservation, request, sale, kept, version);
    }

    /** What the desk calls it: building and number, e.g. 3-1702. */
    public String label() {
        return label(buildingCode, number);
    }

    public static String label(String buildingCode, String number) {
        return buildingCode + "-" + number;
    }

    public static String id(String site, String buildingCode, String number) {
        return site + "-" + buildingCode + "-" + number;
    }

    /** A rep's hold (R-DEAL-2): for whom, by whom, until when. */
    public record Hold(String holdId, String customerId, String customerName, String repUserId, String repName,
                       Instant heldAt, Instant expiresAt) {
    }

    /** SALES_CONTROL keeps the unit off sale (R-DEAL-1). */
    public record Reservation(String by, String byName, String reason, Instant at) {
    }

    /** What the rep asked the finance desk to take (flow 2), with the price it is based on (R-DEAL-12). */
    public record DepositRequest(String requestId, DepositKind kind, Money amount, Pricing.Price price, Buyer buyer,
                                 String requestedBy, Instant requestedAt) {
    }

    /** A deposit FINANCE confirmed (R-FIN-2). */
    public record Deposit(String requestId, DepositKind kind, String receiptNo, Money amount, String method, Instant confirmedAt) {
    }

    /**
     * The subscription agreement (认购书, R-DEAL-4), issued once FINANCE confirmed the big deposit;
     * {@code number} is null until the agreement register has numbered it (just after, see {@link #numberAgreement}).
     */
    public record Agreement(String number, Buyer buyer, Money price, Money deposits, Money balance, Instant issuedAt) {

        public boolean numbered() {
            return number != null;
        }
    }

    /** Credit and bonus shares fixed when the big deposit was signed (R-ATT-17), provisional until the contract. */
    public record Credit(List<Share> shares, String ruleId, String explanation, boolean needsManagerRuling,
                         boolean provisional, Instant validAt) {
        public record Share(String userId, BigDecimal credit, int bonusPercent) {
        }
    }

    /** The sale from the first confirmed deposit on. */
    public record Sale(String dealId, String customerId, String customerName, String repUserId, String repName,
                       Pricing.Price price, List<Deposit> deposits, Instant smallDepositLapsesAt, Agreement agreement,
                       Credit credit) {

        public Sale {
            deposits = List.copyOf(deposits);
        }

        public Money paid() {
            return deposits.stream().map(Deposit::amount).reduce(Money.ZERO, Money::plus);
        }

        public boolean has(String requestId) {
            return deposits.stream().anyMatch(d -> d.requestId().equals(requestId));
        }
    }

    public static Unit entered(String site, String buildingCode, String number, int floor, String layout, BigDecimal area,
                               Money listPrice, String orientation, String grade) {
        return new Unit(id(site, buildingCode, number), site, buildingCode, number, floor, layout, area, listPrice,
                orientation, grade, UnitStatus.AVAILABLE, null, null, null, null, List.of(), 0);
    }

    /**
     * Whether {@code other} was entered as this unit was: the same building, number, floor, layout,
     * area, list price, orientation and grade, whatever became of either since (R-DEAL-1).
     */
    public boolean sameEntryAs(Unit other) {
        return id.equals(other.id) && floor == other.floor && Objects.equals(layout, other.layout)
                && area.compareTo(other.area) == 0 && listPrice.compareTo(other.listPrice) == 0
                && Objects.equals(orientation, other.orientation) && Objects.equals(grade, other.grade);
    }

    // ---- R-DEAL-2: holds ----

    /**
     * R-DEAL-2: an AVAILABLE unit is held for the rep's customer — and so is one whose hold ran out
     * by the new hold's time with no deposit waiting at the finance desk: a deadline is judged by
     * the clock, not by when the lapse check comes round. Anything else is refused, naming who has it.
     */
    public Unit hold(Hold hold) {
        if (status == UnitStatus.HELD && holdLapsedAt(hold.heldAt()) && request == null) {
            return lapse().hold(hold);
        }
        if (status != UnitStatus.AVAILABLE) {
            throw unavailable();
        }
        return with(UnitStatus.HELD, hold, null, null, sale);
    }

    /** Why this unit cannot be held now: a 409 that names the holder, SALES_CONTROL's reservation or the sale. */
    public ProblemException unavailable() {
        String detail = switch (status) {
            case HELD -> "房源 " + label() + " 已被 " + hold.repName() + " 保留，至 " + hold.expiresAt() + " (Unit " + label()
                    + " is already held by " + hold.repName() + " (" + hold.repUserId() + "))";
            case RESERVED -> "房源 " + label() + " 已由销控 " + reservation.byName() + " 保留，暂不销售 (Unit " + label()
                    + " is reserved by sales control (" + reservation.by() + ") and not on sale)";
            case AVAILABLE -> "房源 " + label() + " 刚被他人改动，请刷新后重试 (Unit " + label() + " changed meanwhile; reload and try again)";
            default -> "房源 " + label() + " 已售（" + status.chinese() + "，置业顾问 " + (sale == null ? "?" : sale.repName())
                    + "） (Unit " + label() + " is sold: " + status + ")";
        };
        return new ProblemException(409, status == UnitStatus.HELD ? "unit-already-held" : "unit-not-available", "Conflict",
                detail, status == UnitStatus.HELD ? java.util.Map.of("heldBy", hold.repUserId(), "heldByName", hold.repName())
                : java.util.Map.of("status", status.name()));
    }

    /** The holder, SALES_CONTROL or a MANAGER gives a hold up: the unit is AVAILABLE again. */
    public Unit releaseHold(String holdId) {
        if (status != UnitStatus.HELD || !hold.holdId().equals(holdId)) {
            throw ProblemException.conflict("hold-gone", "房源 " + label() + " 的这次保留已不存在 (This hold of unit " + label() + " is gone)");
        }
        return with(UnitStatus.AVAILABLE, null, null, null, null);
    }

    /** R-DEAL-2: a hold not confirmed at the finance desk by its expiry lapses. */
    public boolean holdLapsedAt(Instant now) {
        return status == UnitStatus.HELD && !hold.expiresAt().isAfter(now);
    }

    // ---- R-DEAL-1: SALES_CONTROL's reservations ----

    public Unit reserve(Reservation reservation) {
        if (status != UnitStatus.AVAILABLE) {
            throw unavailable();
        }
        return with(UnitStatus.RESERVED, null, reservation, null, null);
    }

    public Unit endReservation() {
        if (status != UnitStatus.RESERVED) {
            throw ProblemException.conflict("unit-not-reserved", "房源 " + label() + " 未被销控保留（" + status.chinese() + "） (Unit "
                    + label() + " is not reserved: " + status + ")");
        }
        return with(UnitStatus.AVAILABLE, null, null, null, null);
    }

    // ---- flow 2: the deposit ----

    /**
     * The rep asks the finance desk to take a deposit: a small or big one on the unit they
     * hold, or a big one on a small deposit (the upgrade, R-DEAL-3). The deposit is positive
     * and never more than the price; a big deposit's agreement needs the buyer's contact (R-DEAL-4).
     */
    public Unit requestDeposit(DepositRequest request) {
        boolean onHold = status == UnitStatus.HELD;
        boolean upgrade = status == UnitStatus.SMALL_DEPOSIT && request.kind() == DepositKind.BIG;
        if (!onHold && !upgrade) {
            throw ProblemException.conflict("deposit-not-possible", "房源 " + label() + " 当前为" + status.chinese()
                    + "，不能申请" + request.kind().chinese() + " (A " + request.kind() + " deposit cannot be requested on a unit that is " + status + ")");
        }
        // R-DEAL-2, R-DEAL-3: judged by the clock — a hold or small deposit that ran out takes no new request
        if (onHold && holdLapsedAt(request.requestedAt()) || upgrade && smallDepositLapsedAt(request.requestedAt())) {
            throw ProblemException.conflict("hold-lapsed", "房源 " + label() + " 的" + (onHold ? "保留已于 " + hold.expiresAt()
                    : "小定已于 " + sale.smallDepositLapsesAt()) + " 到期，不能再申请定金 (The " + (onHold ? "hold" : "small deposit")
                    + " of unit " + label() + " ran out; no deposit can be requested on it)");
        }
        if (this.request != null) {
            throw ProblemException.conflict("deposit-already-requested", "房源 " + label() + " 已有待财务确认的定金申请 "
                    + this.request.requestId() + " (A deposit request is already waiting at the finance desk)");
        }
        Money alreadyPaid = sale == null ? Money.ZERO : sale.paid();
        if (request.amount().plus(alreadyPaid).compareTo(request.price().price()) > 0) {
            throw ProblemException.invalid("deposit-exceeds-price", "定金 " + request.amount() + " 元" + (alreadyPaid.isPositive() ? "（已付 " + alreadyPaid + " 元）" : "")
                    + "超过房价 " + request.price().price() + " 元 (The deposit may not exceed the price)");
        }
        if (request.kind() == DepositKind.BIG && request.buyer() == null) {
            throw ProblemException.invalid("buyer-contact-invalid", "大定须填写认购书的买受人及联系方式 (A big deposit needs the buyer's name, phone, address and postcode)");
        }
        return with(status, hold, null, request, sale);
    }

    /** What a confirmation from the finance desk did. */
    public enum Outcome { MOVED, ALREADY_COUNTED, REJECTED }

    /** The outcome of {@link #confirmDeposit} and the unit after it (unchanged unless MOVED). */
    public record Confirmation(Outcome outcome, Unit unit) {
    }

    /**
     * R-FIN-2: FINANCE's confirmation moves the unit on — HELD to SMALL_DEPOSIT (lapsing at
     * {@code smallDepositLapsesAt}, R-DEAL-3) or BIG_DEPOSIT, SMALL_DEPOSIT to BIG_DEPOSIT; a big
     * deposit numbers and issues the agreement with the balance computed (R-DEAL-4). The same
     * confirmation again counts once; one for a request that is no longer pending (the hold
     * lapsed or was released) is rejected, and the money goes back.
     */
    public Confirmation confirmDeposit(String requestId, String receiptNo, Money amount, String method, Instant at,
                                       Instant smallDepositLapsesAt, String agreementNumber) {
        if (sale != null && sale.has(requestId)) {
            return new Confirmation(Outcome.ALREADY_COUNTED, this);
        }
        if (request == null || !request.requestId().equals(requestId)) {
            return new Confirmation(Outcome.REJECTED, this);
        }
        Deposit deposit = new Deposit(requestId, request.kind(), receiptNo, amount, method, at);
        Sale before = sale != null ? sale : new Sale(hold.holdId(), hold.customerId(), hold.customerName(), hold.repUserId(),
                hold.repName(), request.price(), List.of(), null, null, null);
        List<Deposit> deposits = new ArrayList<>(before.deposits());
        deposits.add(deposit);
        Pricing.Price price = request.price();
        if (request.kind() == DepositKind.SMALL) {
            Sale small = new Sale(before.dealId(), before.customerId(), before.customerName(), before.repUserId(), before.repName(),
                    price, deposits, smallDepositLapsesAt, null, before.credit());
            return new Confirmation(Outcome.MOVED, with(UnitStatus.SMALL_DEPOSIT, null, null, null, small));
        }
        Money paid = deposits.stream().map(Deposit::amount).reduce(Money.ZERO, Money::plus);
        // R-DEAL-4: the balance is computed, never typed
        Agreement agreement = new Agreement(agreementNumber, request.buyer(), price.price(), paid, price.price().minus(paid), at);
        Sale big = new Sale(before.dealId(), before.customerId(), before.customerName(), before.repUserId(), before.repName(),
                price, deposits, null, agreement, before.credit());
        return new Confirmation(Outcome.MOVED, with(UnitStatus.BIG_DEPOSIT, null, null, null, big));
    }

    /** R-DEAL-3: a small deposit not upgraded by its day lapses. */
    public boolean smallDepositLapsedAt(Instant now) {
        return status == UnitStatus.SMALL_DEPOSIT && sale.smallDepositLapsesAt() != null && !sale.smallDepositLapsesAt().isAfter(now);
    }

    /**
     * Whether the lapse check may put this unit back on sale at {@code now} by itself: a hold or a
     * small deposit that ran out with no deposit request waiting at the finance desk. With one
     * waiting, the finance desk judges the deadline ({@link #requestLapsed}): an in-time
     * confirmation must always find its unit (R-DEAL-2, R-FIN-2).
     */
    public boolean lapsesBySweepAt(Instant now) {
        return request == null && (holdLapsedAt(now) || smallDepositLapsedAt(now));
    }

    /** The unit on sale again after a lapse. */
    public Unit lapse() {
        return with(UnitStatus.AVAILABLE, null, null, null, null);
    }

    /**
     * R-DEAL-2, R-DEAL-3: the finance desk found that request {@code requestId} was not confirmed by
     * its deadline: the hold it stood on lapses (or the small deposit it would have upgraded). Empty
     * when this unit no longer waits for that request (released, or confirmed meanwhile).
     */
    public java.util.Optional<Unit> requestLapsed(String requestId) {
        if (request == null || !request.requestId().equals(requestId) || !(status == UnitStatus.HELD || status == UnitStatus.SMALL_DEPOSIT)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(lapse());
    }

    /**
     * R-DEAL-4: the agreement of this big deposit gets its number from the register. Empty when
     * it has one already (the same number again, or this was done before).
     */
    public java.util.Optional<Unit> numberAgreement(String agreementNumber) {
        if (sale == null || sale.agreement() == null || sale.agreement().numbered()) {
            return java.util.Optional.empty();
        }
        Agreement a = sale.agreement();
        Agreement numbered = new Agreement(agreementNumber, a.buyer(), a.price(), a.deposits(), a.balance(), a.issuedAt());
        return java.util.Optional.of(with(status, hold, reservation, request, new Sale(sale.dealId(), sale.customerId(),
                sale.customerName(), sale.repUserId(), sale.repName(), sale.price(), sale.deposits(), sale.smallDepositLapsesAt(),
                numbered, sale.credit())));
    }

    /** Whether this unit's big deposit has an agreement still waiting for its number. */
    public boolean agreementToNumber() {
        return sale != null && sale.agreement() != null && !sale.agreement().numbered();
    }

    /** R-ATT-17: the deal keeps the shares customer-service fixed when the big deposit was signed. */
    public Unit recordCredit(String dealId, Credit credit) {
        if (sale == null || !sale.dealId().equals(dealId)) {
            throw ProblemException.notFound("deal-unknown", "没有交易 " + dealId + " (No deal " + dealId + " on unit " + label() + ")");
        }
        Sale withCredit = new Sale(sale.dealId(), sale.customerId(), sale.customerName(), sale.repUserId(), sale.repName(),
                sale.price(), sale.deposits(), sale.smallDepositLapsesAt(), sale.agreement(), credit);
        return with(status, hold, reservation, request, withCredit);
    }

    private Unit with(UnitStatus status, Hold hold, Reservation reservation, DepositRequest request, Sale sale) {
        return new Unit(id, siteId, buildingCode, number, floor, layout, area, listPrice, orientation, grade, status,
                hold, reservation, request, sale, answered, version);
    }
}
