package io.anchang.deal.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.validation.Echo;

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
        return requestId != null && answered.stream().anyMatch(a -> a.equals(action + ":" + requestId)
                || a.startsWith(action + ":" + requestId + FINGERPRINT));
    }

    /**
     * As {@link #answered(String, String)}, for a write that says what it asks for by its {@code fingerprint}
     * ({@link #fingerprint}): a write applied with the same id that asked for something else — another customer,
     * amount, kind, caller — is refused 409 {@code request-id-reused}, never answered with the first one's result
     * (R-DEAL-1: the second request would be lost). A write remembered without a fingerprint (before they were kept)
     * answers its repeat as before.
     */
    public boolean answered(String action, String requestId, String fingerprint) {
        if (requestId == null) {
            return false;
        }
        String key = action + ":" + requestId;
        for (String a : answered) {
            if (a.equals(key) || fingerprint == null && a.startsWith(key + FINGERPRINT) || a.equals(key + FINGERPRINT + fingerprint)) {
                return true;
            }
            if (a.startsWith(key + FINGERPRINT)) {
                throw ProblemException.conflict("request-id-reused", "这个请求编号已用于另一份不同的请求，请用新的请求编号重新提交 (This requestId "
                        + requestId + " was already used for a different request; submit again with a new one)");
            }
        }
        return false;
    }

    /** This unit remembering that the write {@code action} with {@code requestId} was applied, with the latest others. */
    public Unit answering(String action, String requestId) {
        return answering(action, requestId, null);
    }

    /** This unit remembering that the write {@code action} with {@code requestId}, asking for {@code fingerprint}, was applied. */
    public Unit answering(String action, String requestId, String fingerprint) {
        if (requestId == null) {
            return this;
        }
        List<String> kept = new ArrayList<>(answered);
        kept.add(action + ":" + requestId + (fingerprint == null ? "" : FINGERPRINT + fingerprint));
        while (kept.size() > ANSWERED_KEPT) {
            kept.remove(0);
        }
        return new Unit(id, siteId, buildingCode, number, floor, layout, area, listPrice, orientation, grade, status, hold,
                reservation, request, sale, kept, version);
    }

    /** Between a remembered request id and its fingerprint; a request id never contains it. */
    private static final String FINGERPRINT = "#";

    /**
     * What a write asks for, in 22 characters: the SHA-256 (128 bits of it, base64url) of its inputs in order — who asks
     * and what — each written out, so that a repeat of the same request has the same one and any other request another.
     */
    public static String fingerprint(Object... inputs) {
        StringBuilder canonical = new StringBuilder();
        for (Object input : inputs) {
            String text = input instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString() : String.valueOf(input);
            canonical.append(text.length()).append(':').append(text).append('|');
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** This unit as the store holds it after a write of it (its version one higher). */
    public Unit written() {
        return new Unit(id, siteId, buildingCode, number, floor, layout, area, listPrice, orientation, grade, status, hold,
                reservation, request, sale, answered, version + 1);
    }

    /**
     * R-DEAL-7: the deal that a unit change with the client's {@code requestId} moved away from this unit, if
     * this unit remembers one (a repeat of the change answers the unit the deal went to).
     */
    public java.util.Optional<String> movedDeal(String requestId) {
        if (requestId == null) {
            return java.util.Optional.empty();
        }
        return answered.stream().filter(a -> a.startsWith("unit-change@") && a.endsWith(":" + requestId))
                .map(a -> a.substring("unit-change@".length(), a.length() - requestId.length() - 1)).findFirst();
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
    public record Agreement(String number, Buyer buyer, Money price, Money deposits, Money balance, Instant issuedAt,
                            String issueKey, String copiesKeeper) {

        public boolean numbered() {
            return number != null;
        }

        Agreement numbered(String next) {
            return new Agreement(next, buyer, price, deposits, balance, issuedAt, issueKey, copiesKeeper);
        }

        Agreement keptBy(String keeper) {
            return new Agreement(number, buyer, price, deposits, balance, issuedAt, issueKey, keeper);
        }
    }

    /** Credit and bonus shares fixed when the big deposit was signed (R-ATT-17), provisional until the contract. */
    public record Credit(List<Share> shares, String ruleId, String explanation, boolean needsManagerRuling,
                         boolean provisional, Instant validAt) {
        public record Share(String userId, BigDecimal credit, int bonusPercent) {
        }

        /** R-ATT-17: final at the contract. */
        public Credit finalised() {
            return new Credit(shares, ruleId, explanation, needsManagerRuling, false, validAt);
        }
    }

    /** The sale from the first confirmed deposit on. */
    public record Sale(String dealId, String customerId, String customerName, String repUserId, String repName,
                       Pricing.Price price, List<Deposit> deposits, Instant smallDepositLapsesAt, Agreement agreement,
                       Credit credit, Dealing dealing) {

        public Sale {
            deposits = List.copyOf(deposits);
            dealing = dealing == null ? Dealing.NONE : dealing;
        }

        /** The deposits paid. */
        public Money paid() {
            return deposits.stream().map(Deposit::amount).reduce(Money.ZERO, Money::plus);
        }

        /** Everything paid on the deal: the deposits and the payments recorded against the contract. */
        public Money paidInAll() {
            return paid().plus(dealing.paid());
        }

        Sale with(Agreement next) {
            return new Sale(dealId, customerId, customerName, repUserId, repName, price, deposits, smallDepositLapsesAt, next, credit, dealing);
        }

        Sale with(Credit next) {
            return new Sale(dealId, customerId, customerName, repUserId, repName, price, deposits, smallDepositLapsesAt, agreement, next, dealing);
        }

        Sale with(Dealing next) {
            return new Sale(dealId, customerId, customerName, repUserId, repName, price, deposits, smallDepositLapsesAt, agreement, credit, next);
        }

        Sale with(Pricing.Price next) {
            return new Sale(dealId, customerId, customerName, repUserId, repName, next, deposits, smallDepositLapsesAt, agreement, credit, dealing);
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
        if (!holdableAt(hold.heldAt())) {
            throw unavailable();
        }
        if (status == UnitStatus.HELD) {
            return lapse().hold(hold);
        }
        return with(UnitStatus.HELD, hold, null, null, sale);
    }

    /**
     * R-DEAL-2: whether a hold made at {@code at} can take this unit: it is AVAILABLE, or its hold ran out by the
     * clock with no deposit request waiting at the finance desk (the new hold lapses it in the same write).
     */
    public boolean holdableAt(Instant at) {
        return status == UnitStatus.AVAILABLE || status == UnitStatus.HELD && holdLapsedAt(at) && request == null;
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
        if (upgrade && (sale.dealing().move() != null || sale.dealing().approval() != null)) {
            throw ProblemException.conflict("deal-busy", "房源 " + label() + " 有待处理的换房或退房，暂不能转大定 (A unit change or refund of this deal is pending)");
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
        return confirmDeposit(requestId, receiptNo, amount, method, at, smallDepositLapsesAt, agreementNumber, null);
    }

    /** As above; {@code contractDueOn}: a big deposit's last day to sign the contract (R-DEAL-6), if known. */
    public Confirmation confirmDeposit(String requestId, String receiptNo, Money amount, String method, Instant at,
                                       Instant smallDepositLapsesAt, String agreementNumber, java.time.LocalDate contractDueOn) {
        if (sale != null && sale.has(requestId)) {
            return new Confirmation(Outcome.ALREADY_COUNTED, this);
        }
        if (request == null || !request.requestId().equals(requestId)) {
            return new Confirmation(Outcome.REJECTED, this);
        }
        Deposit deposit = new Deposit(requestId, request.kind(), receiptNo, amount, method, at);
        Sale before = sale != null ? sale : new Sale(hold.holdId(), hold.customerId(), hold.customerName(), hold.repUserId(),
                hold.repName(), request.price(), List.of(), null, null, null, null);
        List<Deposit> deposits = new ArrayList<>(before.deposits());
        deposits.add(deposit);
        Pricing.Price price = request.price();
        if (request.kind() == DepositKind.SMALL) {
            Sale small = new Sale(before.dealId(), before.customerId(), before.customerName(), before.repUserId(), before.repName(),
                    price, deposits, smallDepositLapsesAt, null, before.credit(), before.dealing());
            return new Confirmation(Outcome.MOVED, with(UnitStatus.SMALL_DEPOSIT, null, null, null, small));
        }
        Money paid = deposits.stream().map(Deposit::amount).reduce(Money.ZERO, Money::plus);
        // R-DEAL-4: the balance is computed, never typed
        Agreement agreement = new Agreement(agreementNumber, request.buyer(), price.price(), paid, price.price().minus(paid), at, null, null);
        Sale big = new Sale(before.dealId(), before.customerId(), before.customerName(), before.repUserId(), before.repName(),
                price, deposits, null, agreement, before.credit(), before.dealing().withContractDueOn(contractDueOn));
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
        // a unit change under way is finished or undone first (R-DEAL-7); the deal lapses where it ends up
        return request == null && (sale == null || sale.dealing().move() == null) && (holdLapsedAt(now) || smallDepositLapsedAt(now));
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
        return java.util.Optional.of(with(status, hold, reservation, request, sale.with(sale.agreement().numbered(agreementNumber))));
    }

    /**
     * Whether this unit's big deposit has an agreement still waiting for its number — not while a unit
     * change is under way: an agreement drafted for a unit the deal may not stay on gets no number.
     */
    public boolean agreementToNumber() {
        return sale != null && sale.agreement() != null && !sale.agreement().numbered() && sale.dealing().move() == null;
    }

    /** R-ATT-17: the deal keeps the shares customer-service fixed when the big deposit was signed. */
    public Unit recordCredit(String dealId, Credit credit) {
        if (sale == null || !sale.dealId().equals(dealId)) {
            throw ProblemException.notFound("deal-unknown", "没有交易 " + Echo.of(dealId) + " (No deal " + Echo.of(dealId) + " on unit " + label() + ")");
        }
        // R-ATT-17: shares that arrive after the contract are final at once; after a refund or cancellation there is no sale
        Credit kept = status == UnitStatus.CONTRACTED ? credit.finalised() : credit;
        return with(status, hold, reservation, request, sale.with(kept));
    }

    // ---- after the deposit (R-DEAL-5..10) ----

    /** The sale on this unit, or 409 when it carries none. */
    private Sale requireSale() {
        if (sale == null || !(status == UnitStatus.SMALL_DEPOSIT || status == UnitStatus.BIG_DEPOSIT || status == UnitStatus.CONTRACTED)) {
            throw ProblemException.conflict("no-deal", "房源 " + label() + " 当前为" + status.chinese() + "，没有已交定金的交易 (Unit "
                    + label() + " has no deal with a deposit: " + status + ")");
        }
        return sale;
    }

    /** Refuses while a deposit request waits at the desk or a unit change of this deal is under way. */
    private void requireSettled() {
        if (request != null) {
            throw ProblemException.conflict("deal-busy", "房源 " + label() + " 有待财务确认的定金申请，请先处理 (A deposit request of this unit waits at the finance desk)");
        }
        if (sale.dealing().move() != null) {
            throw ProblemException.conflict("deal-busy", "房源 " + label() + " 正在换房，请稍后再试 (A unit change of this deal is under way; try again in a moment)");
        }
    }

    private void requireNoApproval() {
        Dealing.Approval waiting = sale.dealing().approval();
        if (waiting != null) {
            throw new ProblemException(409, "approval-pending", "Conflict", "房源 " + label() + " 有待经理审批的"
                    + (waiting.kind() == Dealing.ApprovalKind.REFUND ? "退房" : "换房") + "申请 (A " + waiting.kind()
                    + " request of this deal waits for the MANAGER)", java.util.Map.of("approvalId", waiting.approvalId()));
        }
    }

    private static String required(String text, String type, String detail) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(type, detail);
        }
        return text.trim();
    }

    /** Whether this unit carries the sale {@code dealId}. */
    public boolean carries(String dealId) {
        return sale != null && sale.dealId().equals(dealId);
    }

    /**
     * R-DEAL-5: an issued agreement is never edited: it is voided with a reason — its signed paper copies
     * kept by {@code paperKeeper} — and a new one is drafted (numbered next from the register) with the
     * corrected buyer, or the same one. Only a big deposit's agreement, before the contract.
     */
    public Unit voidAgreement(String cause, String reason, String paperKeeper, Buyer buyer, String by, Instant at, String issueKey) {
        Sale s = requireSale();
        String why = required(reason, "reason-required", "作废认购书须填写原因 (A void needs its reason)");
        String keeper = required(paperKeeper, "paper-keeper-required", "请填写作废认购书纸质原件的保管人 (Who keeps the signed paper copies of the voided agreement?)");
        if (status == UnitStatus.CONTRACTED) {
            throw ProblemException.conflict("agreement-superseded", "房源 " + label() + " 已签约，认购书已由合同取代，不能再作废重开 (The contract superseded the agreement)");
        }
        if (status != UnitStatus.BIG_DEPOSIT || s.agreement() == null) {
            throw ProblemException.conflict("agreement-unknown", "房源 " + label() + " 尚无已签发的认购书 (Unit " + label() + " has no issued agreement)");
        }
        if (!s.agreement().numbered()) {
            throw ProblemException.conflict("agreement-being-numbered", "认购书正在编号，请稍后再试 (The agreement is being numbered; try again in a moment)");
        }
        requireSettled();
        Agreement old = s.agreement();
        Dealing d = s.dealing().withVoided(new Dealing.VoidedAgreement(old, cause, why, keeper, by, at));
        Agreement next = new Agreement(null, buyer == null ? old.buyer() : buyer, old.price(), old.deposits(), old.balance(), at, issueKey, null);
        return with(status, hold, reservation, request, s.with(next).with(d));
    }

    /** R-DEAL-6: a big deposit past its contract day without a contract, announced overdue on {@code day} (once). */
    public Unit contractOverdueAnnounced(java.time.LocalDate day) {
        if (sale == null || status != UnitStatus.BIG_DEPOSIT) {
            throw ProblemException.conflict("no-deal", "房源 " + label() + " 没有待签约的大定 (No big deposit waiting for its contract)");
        }
        return with(status, hold, reservation, request, sale.with(sale.dealing().withContractOverdueOn(day)));
    }

    /** R-DEAL-5 (九3): who keeps the signed paper copies of the issued agreement. */
    public Unit keepCopies(String keeper) {
        Sale s = requireSale();
        if (s.agreement() == null || !s.agreement().numbered()) {
            throw ProblemException.conflict("agreement-unknown", "房源 " + label() + " 尚无已编号的认购书 (No numbered agreement)");
        }
        return with(status, hold, reservation, request, s.with(s.agreement().keptBy(required(keeper, "keeper-required", "请填写保管人 (Who keeps the copies?)"))));
    }

    /**
     * R-DEAL-6: the contract from a big deposit, with payment terms that with the deposits paid add up to
     * the price ({@link Contract#terms}); signed after {@code dueOn} it is flagged late. The unit is
     * CONTRACTED and the credit and shares are final (R-ATT-17).
     */
    public Unit signContract(String contractId, List<Contract.Term> given, java.time.LocalDate signedOn, java.time.LocalDate dueOn,
                             String by, Instant at) {
        if (status == UnitStatus.CONTRACTED) {
            throw ProblemException.conflict("already-contracted", "房源 " + label() + " 已签约 (Unit " + label() + " is contracted already)");
        }
        if (status != UnitStatus.BIG_DEPOSIT || sale == null || sale.agreement() == null) {
            throw ProblemException.conflict("big-deposit-required", "房源 " + label() + " 当前为" + status.chinese()
                    + "，签约须先交大定并签认购书 (A contract is signed from a big deposit; unit " + label() + " is " + status + ")");
        }
        if (!sale.agreement().numbered()) {
            throw ProblemException.conflict("agreement-being-numbered", "认购书正在编号，请稍后再签约 (The agreement is being numbered; sign in a moment)");
        }
        requireSettled();
        requireNoApproval();
        List<Contract.Term> terms = Contract.terms(given, sale.price().price(), sale.paid(), signedOn);
        boolean late = dueOn != null && signedOn.isAfter(dueOn);
        Contract contract = new Contract(contractId, sale.agreement().buyer(), sale.price().price(), sale.paid(), terms, signedOn, dueOn,
                late, by, at, new Contract.Filing(Contract.FilingStatus.NOT_FILED, null, null, by, at));
        Sale signed = sale.with(sale.dealing().withContract(contract));
        if (signed.credit() != null) {
            signed = signed.with(signed.credit().finalised());
        }
        return with(UnitStatus.CONTRACTED, null, null, null, signed);
    }

    /** R-DEAL-6: the contract's online filing (网签) status. */
    public Unit file(Contract.Filing filing) {
        if (status != UnitStatus.CONTRACTED || sale.dealing().contract() == null) {
            throw ProblemException.conflict("contract-unknown", "房源 " + label() + " 尚未签约 (Unit " + label() + " has no contract)");
        }
        return with(status, hold, reservation, request, sale.with(sale.dealing().withContract(sale.dealing().contract().filed(filing))));
    }

    /**
     * R-DEAL-7 (以小换大、以好换差、以金额小换金额大): why a change from this unit to {@code to} goes through
     * by itself — LARGER (more area), LOWER_GRADE (a grade later in the site's order: A before B), or
     * DEARER (a higher list price); empty when it needs a MANAGER's approval.
     */
    public java.util.Optional<String> changeRuleTo(Unit to) {
        if (to.area.compareTo(area) > 0) {
            return java.util.Optional.of("LARGER");
        }
        if (grade != null && to.grade != null && to.grade.compareTo(grade) > 0) {
            return java.util.Optional.of("LOWER_GRADE");
        }
        if (to.listPrice.compareTo(listPrice) > 0) {
            return java.util.Optional.of("DEARER");
        }
        return java.util.Optional.empty();
    }

    /** R-DEAL-7: a deal with a deposit, before the contract, nothing under way, onto another unit of the site that is AVAILABLE. */
    public void requireChangeableTo(Unit to) {
        Sale s = requireSale();
        if (status == UnitStatus.CONTRACTED) {
            throw ProblemException.conflict("unit-change-after-contract", "房源 " + label()
                    + " 已签约，不能换房；如需变更请与经理协商 (Decision: a unit change is made before the contract)");
        }
        requireSettled();
        if (to.id.equals(id)) {
            throw ProblemException.invalid("same-unit", "换房须换到另一套房源 (Choose another unit)");
        }
        if (!to.siteId.equals(siteId)) {
            throw ProblemException.notFound("unit-unknown", "本案场没有房源 " + to.label());
        }
        if (to.status != UnitStatus.AVAILABLE) {
            throw to.unavailable();
        }
        if (s.paid().compareTo(to.listPrice) > 0) {
            throw ProblemException.conflict("deposit-exceeds-price", "已付定金 " + s.paid() + " 元超过房源 " + to.label() + " 的房价 (The deposits paid exceed the new unit's price)");
        }
    }

    /** R-DEAL-7: a change outside the rule waits for a MANAGER's approval with a reason. */
    public Unit requestUnitChange(String approvalId, Unit to, String reason, String by, Instant at) {
        requireChangeableTo(to);
        requireNoApproval();
        return with(status, hold, reservation, request, sale.with(sale.dealing().withApproval(new Dealing.Approval(approvalId,
                Dealing.ApprovalKind.UNIT_CHANGE, to.id, to.label(), null, reason, by, at))));
    }

    /**
     * R-DEAL-7, first step of a unit change: this unit (the deal's) says its deal is leaving for {@code to}.
     * An approved request for this change is taken by it.
     */
    public Unit startMove(String changeId, Unit to, String rule, String approvedBy, String reason, Instant at) {
        requireChangeableTo(to);
        Dealing.Approval waiting = sale.dealing().approval();
        if (waiting != null && !(waiting.kind() == Dealing.ApprovalKind.UNIT_CHANGE && to.id.equals(waiting.toUnitId()))) {
            requireNoApproval();
        }
        Dealing d = sale.dealing().withApproval(null).withMove(new Dealing.Move(changeId, Dealing.Direction.OUT, to.id, to.label(), rule,
                approvedBy, reason, sale.price().price(), at));
        return with(status, hold, reservation, request, sale.with(d));
    }

    /**
     * R-DEAL-7, second step: this AVAILABLE unit takes the deal leaving {@code from}, with its deposits and
     * the new {@code price}; a big deposit's agreement is voided and drafted again for this unit (R-DEAL-5).
     * The deal is marked as arriving until the old unit is given up.
     */
    public Unit arrive(Unit from, String changeId, Pricing.Price price, Instant at) {
        Dealing.Move out = from.sale == null ? null : from.sale.dealing().move();
        if (out == null || !out.changeId().equals(changeId) || out.direction() != Dealing.Direction.OUT || !out.otherUnitId().equals(id)) {
            throw ProblemException.conflict("unit-change-gone", "这次换房已不存在 (This unit change is gone)");
        }
        if (status != UnitStatus.AVAILABLE) {
            throw unavailable();
        }
        Sale s = from.sale;
        Dealing d = s.dealing().withMove(new Dealing.Move(changeId, Dealing.Direction.IN, from.id, from.label(), out.rule(), out.approvedBy(),
                out.reason(), out.oldPrice(), at));
        Sale moved = s.with(price);
        if (s.agreement() != null) {
            Agreement old = s.agreement();
            d = d.withVoided(new Dealing.VoidedAgreement(old, "UNIT_CHANGE", "换房：" + from.label() + " → " + label()
                    + (out.reason() == null ? "" : "（" + out.reason() + "）"), old.copiesKeeper() == null ? "（未登记）" : old.copiesKeeper(),
                    out.approvedBy() == null ? s.repUserId() : out.approvedBy(), at));
            moved = moved.with(new Agreement(null, old.buyer(), price.price(), s.paid(), price.price().minus(s.paid()), at,
                    s.dealId() + ":" + changeId, null));
        }
        return with(from.status, null, null, null, moved.with(d));
    }

    /** R-DEAL-7, third step, the change's commit: the deal left this unit, which is AVAILABLE again. */
    public Unit moveOut(String changeId) {
        Dealing.Move out = sale == null ? null : sale.dealing().move();
        if (out == null || !out.changeId().equals(changeId) || out.direction() != Dealing.Direction.OUT) {
            throw ProblemException.conflict("unit-change-gone", "这次换房已不存在 (This unit change is gone)");
        }
        return with(UnitStatus.AVAILABLE, null, null, null, null);
    }

    /** The move {@code changeId} of {@code direction} on this unit, if it has it. */
    public java.util.Optional<Dealing.Move> move(String changeId, Dealing.Direction direction) {
        Dealing.Move move = sale == null ? null : sale.dealing().move();
        return move != null && move.changeId().equals(changeId) && move.direction() == direction ? java.util.Optional.of(move)
                : java.util.Optional.empty();
    }

    /** R-DEAL-7: the change {@code changeId} did not happen: the deal stays here, nothing under way. */
    public java.util.Optional<Unit> undoMove(String changeId) {
        // the change did not happen: its request id no longer answers "moved" (movedDeal)
        return move(changeId, Dealing.Direction.OUT).map(m -> {
            String done = "unit-change@" + sale.dealId() + ":";
            List<String> kept = answered.stream().filter(a -> !a.startsWith(done)).toList();
            return new Unit(id, siteId, buildingCode, number, floor, layout, area, listPrice, orientation, grade, status, hold,
                    reservation, request, sale.with(sale.dealing().withMove(null)), kept, version);
        });
    }

    /** R-DEAL-7: the change {@code changeId} did not happen: the deal never arrived, this unit is AVAILABLE again. */
    public java.util.Optional<Unit> undoArrival(String changeId) {
        return move(changeId, Dealing.Direction.IN).map(m -> with(UnitStatus.AVAILABLE, null, null, null, null));
    }

    /** R-DEAL-7, last step: the deal has arrived here for good. */
    public java.util.Optional<Unit> arrived(String changeId) {
        return move(changeId, Dealing.Direction.IN).map(m -> with(status, hold, reservation, request, sale.with(sale.dealing().withMove(null))));
    }

    /**
     * R-DEAL-8 after the contract: a transfer, effective once FINANCE recorded {@code fee}; one at a time,
     * and the contract's buyer stays until then.
     */
    public Unit requestNameChange(String nameChangeId, Buyer buyer, Money fee, String reason, String by, Instant at) {
        if (status != UnitStatus.CONTRACTED) {
            throw ProblemException.conflict("contract-unknown", "房源 " + label() + " 尚未签约 (Unit " + label() + " has no contract)");
        }
        requireSettled();
        Dealing.NameChange waiting = sale.dealing().nameChange();
        if (waiting != null) {
            throw new ProblemException(409, "name-change-pending", "Conflict", "房源 " + label() + " 已有换名申请，过户费 " + waiting.fee()
                    + " 元待财务收取，收费后才生效 (A name change waits for its transfer fee of " + waiting.fee() + " at the finance desk; it takes effect once paid)",
                    java.util.Map.of("nameChangeId", waiting.nameChangeId(), "fee", waiting.fee().toString()));
        }
        return with(status, hold, reservation, request, sale.with(sale.dealing().withNameChange(new Dealing.NameChange(nameChangeId, buyer,
                fee, reason, by, at))));
    }

    /** R-DEAL-8: FINANCE recorded the transfer fee in full: the contract's buyer is the new one. Empty when nothing waits for it. */
    public java.util.Optional<Unit> nameChangePaid(String nameChangeId) {
        Dealing.NameChange waiting = sale == null ? null : sale.dealing().nameChange();
        if (waiting == null || !waiting.nameChangeId().equals(nameChangeId) || sale.dealing().contract() == null) {
            return java.util.Optional.empty();
        }
        Dealing d = sale.dealing().withNameChange(null).withContract(sale.dealing().contract().withBuyer(waiting.buyer()));
        return java.util.Optional.of(with(status, hold, reservation, request, sale.with(d)));
    }

    /**
     * R-DEAL-10: a refund is refused after the contract (坚决不退房); before it, the request records the
     * retention talk (做客户工作) and waits for a MANAGER.
     */
    public Unit requestRefund(String approvalId, String retentionTalk, String reason, String by, Instant at) {
        if (status == UnitStatus.CONTRACTED) {
            throw ProblemException.conflict("refund-after-contract", "房源 " + label()
                    + " 已签订合同，按规定坚决不退房 (R-DEAL-10: after the contract a refund is refused)");
        }
        requireSale();
        String talk = required(retentionTalk, "retention-talk-required", "退房申请须先记录做客户工作的情况 (Record the retention talk first)");
        requireSettled();
        requireNoApproval();
        return with(status, hold, reservation, request, sale.with(sale.dealing().withApproval(new Dealing.Approval(approvalId,
                Dealing.ApprovalKind.REFUND, null, null, talk, reason, by, at))));
    }

    /** The request {@code approvalId} waiting for the MANAGER, or 409 when it is gone. */
    public Dealing.Approval approval(String approvalId) {
        Dealing.Approval waiting = sale == null ? null : sale.dealing().approval();
        if (waiting == null || !waiting.approvalId().equals(approvalId)) {
            throw ProblemException.conflict("approval-gone", "这项审批已处理或已不存在 (This request was decided already or is gone)");
        }
        return waiting;
    }

    /** A MANAGER declined the request: it is gone, nothing else changes. */
    public Unit decline(String approvalId) {
        approval(approvalId);
        return with(status, hold, reservation, request, sale.with(sale.dealing().withApproval(null)));
    }

    /**
     * R-DEAL-10: the MANAGER approved the refund: the unit returns to sale; of what was paid,
     * {@code refundAmount} is paid back (never more), the rest is forfeited (定金罚则).
     */
    public Unit refund(String approvalId, Money refundAmount) {
        Dealing.Approval waiting = approval(approvalId);
        if (waiting.kind() != Dealing.ApprovalKind.REFUND) {
            throw ProblemException.conflict("approval-gone", "这不是退房申请 (This is not a refund request)");
        }
        if (status == UnitStatus.CONTRACTED) {
            throw ProblemException.conflict("refund-after-contract", "已签约，坚决不退房 (R-DEAL-10: refused after the contract)");
        }
        requireSettled();
        if (refundAmount.isNegative() || refundAmount.compareTo(sale.paidInAll()) > 0) {
            throw new ProblemException(400, "refund-exceeds-paid", "Invalid request", "退款 " + refundAmount + " 元超过已付 " + sale.paidInAll()
                    + " 元 (The refund may not exceed what was paid)", java.util.Map.of("paid", sale.paidInAll().toString()));
        }
        return with(UnitStatus.AVAILABLE, null, null, null, null);
    }

    /**
     * R-DEAL-9: an amount due overdue past {@code breachMonths} makes the contracted deal a breach case for
     * the MANAGER, one open at a time. Empty when one is open, or this one was opened before.
     */
    public java.util.Optional<Unit> openBreach(String breachId, String dueId, java.time.LocalDate dueOn, Money outstanding, Instant at) {
        if (status != UnitStatus.CONTRACTED || sale.dealing().openBreach().isPresent()
                || sale.dealing().breaches().stream().anyMatch(b -> b.breachId().equals(breachId))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(with(status, hold, reservation, request, sale.with(sale.dealing().withBreaches(list -> {
            list.add(new Dealing.Breach(breachId, dueId, dueOn, outstanding, at, null, null, null, null, null, null));
            return list;
        }))));
    }

    /**
     * R-DEAL-9: the MANAGER rules the open breach case: a PENALTY (the deal goes on) or CANCELLATION, which
     * returns the unit to sale; of what was paid, {@code refundAmount} is paid back (never more).
     */
    public Unit ruleBreach(String ruling, Money penalty, Money refundAmount, String reason, String by, Instant at) {
        Dealing.Breach open = sale == null ? null : sale.dealing().openBreach().orElse(null);
        if (open == null) {
            throw ProblemException.conflict("no-open-breach", "房源 " + label() + " 没有待处理的违约 (No open breach case on unit " + label() + ")");
        }
        String why = required(reason, "reason-required", "裁定须填写理由 (A ruling needs its reason)");
        boolean cancel = "CANCELLATION".equals(ruling);
        if (!cancel && !"PENALTY".equals(ruling)) {
            throw ProblemException.invalid("ruling-invalid", "裁定为违约金 PENALTY 或解约 CANCELLATION (ruling: PENALTY or CANCELLATION)");
        }
        if (!cancel && (penalty == null || !penalty.isPositive())) {
            throw ProblemException.invalid("penalty-required", "违约金须大于零 (A penalty needs its amount)");
        }
        Money refund = refundAmount == null ? Money.ZERO : refundAmount;
        if (cancel && (refund.isNegative() || refund.compareTo(sale.paidInAll()) > 0)) {
            throw new ProblemException(400, "refund-exceeds-paid", "Invalid request", "退款 " + refund + " 元超过已付 " + sale.paidInAll()
                    + " 元 (The refund may not exceed what was paid)", java.util.Map.of("paid", sale.paidInAll().toString()));
        }
        if (cancel) {
            return with(UnitStatus.AVAILABLE, null, null, null, null);
        }
        Dealing d = sale.dealing().withBreaches(list -> {
            list.replaceAll(b -> b.breachId().equals(open.breachId()) ? new Dealing.Breach(b.breachId(), b.dueId(), b.dueOn(), b.outstanding(),
                    b.openedAt(), ruling, penalty, null, why, by, at) : b);
            return list;
        });
        return with(status, hold, reservation, request, sale.with(d));
    }

    /** R-FIN-3: a payment FINANCE recorded against the contract (or its void or reversal, negative), once per receipt. */
    public java.util.Optional<Unit> paymentRecorded(String receiptNo, String kind, Money amount) {
        if (sale == null || sale.dealing().hasPayment(receiptNo)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(with(status, hold, reservation, request, sale.with(sale.dealing().withPayment(
                new Dealing.Paid(receiptNo, kind, amount)))));
    }

    private Unit with(UnitStatus status, Hold hold, Reservation reservation, DepositRequest request, Sale sale) {
        return new Unit(id, siteId, buildingCode, number, floor, layout, area, listPrice, orientation, grade, status,
                hold, reservation, request, sale, answered, version);
    }
}
