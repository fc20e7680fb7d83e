package io.anchang.reporting.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A deal from its hold on: the row of the small-deposit, big-deposit and contract registers
 * (小订/大订/签约明细表, R-RPT-3) and the source of the deal counts, the money and the bonus
 * shares (R-RPT-2, R-RPT-5). Its id is the hold's, which the deal keeps through its deposits.
 *
 * <p>What the deal takes from the customer archive (name, masked phone, source) and from the finance desk
 * (collections) arrives on other topics, in whatever order a replay reads them: each fact is kept as its own field,
 * so the entry comes out the same whichever arrived first.
 *
 * @param areaHundredths the unit's area in hundredths of a square metre, for the average price per m²
 * @param customerName   the customer's name in the archive, once known
 * @param buyerName      the name the rep gave asking for the deposit (shown until the archive's is known)
 * @param source         the customer's source (R-CUS-2)
 * @param payments       the money through the finance desk for the deal: deposits FINANCE confirmed (R-FIN-2) and the
 *                       contract's terms paid (R-FIN-3) — 回款 — and refunds paid out (R-FIN-4), voided ones kept and not counted
 * @param changes        the unit changes (R-DEAL-7): the deal's unit and price since
 */
public record DealEntry(String id, String siteId, String unitId, String unitLabel, String building, long areaHundredths,
                        String customerId, String customerName, String buyerName, String phoneMasked, String source, String rep,
                        String repName, Status status, Hold hold, Small small, Big big, Contract contract,
                        Reversal reversal, LocalDate lapsedOn, Credit credit, List<Payment> payments, List<UnitChange> changes,
                        Seen seen) implements Entry {

    public DealEntry {
        payments = payments == null ? List.of() : List.copyOf(payments);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** Where a deal stands. */
    public enum Status {
        HELD("锁定"), RELEASED("已释放"), SMALL_DEPOSIT("小订"), LAPSED("小订失效"), BIG_DEPOSIT("大订"),
        CONTRACTED("已签约"), REFUNDED("已退房"), BREACH("违约解除");

        private final String chinese;

        Status(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /** The hold the deal began with (R-DEAL-2). */
    public record Hold(Instant at, LocalDate day, Instant expiresAt) {
    }

    /** The small deposit (小定, R-DEAL-3). */
    public record Small(Instant at, LocalDate day, long amountFen, long priceFen, String receiptNo, LocalDate lapsesOn) {
    }

    /** The big deposit with the subscription agreement (大定, R-DEAL-4): the price and the deposits paid in all. */
    public record Big(Instant at, LocalDate day, long priceFen, long depositFen, String agreementNo) {
    }

    /** The contract (签约, R-DEAL-6). */
    public record Contract(Instant at, LocalDate day, long priceFen, String contractNo) {
    }

    /** The deal refunded (R-DEAL-10) or cancelled for breach (R-DEAL-9): its shares are reversed (R-ATT-17). */
    public record Reversal(Instant at, LocalDate day, String kind, String reason) {
    }

    /** The credit and bonus shares (R-ATT-17, R-DEAL-11); credit in ten-thousandths of the unit. */
    public record Credit(List<Share> shares, String ruleId, boolean needsRuling, boolean provisional) {
        public Credit {
            shares = shares == null ? List.of() : List.copyOf(shares);
        }
    }

    /** One rep's part — or the house account's (DEPARTMENT, R-ATT-16). */
    public record Share(String userId, long credit, int bonusPercent) {
    }

    /**
     * Money through the finance desk for the deal, on a day of the site's calendar, in fen: collected (回款) — a deposit
     * FINANCE confirmed, a term paid, or a reversing entry's negative amount (R-FIN-7) — or, when {@code refund}, paid
     * back out (R-FIN-4). A voided receipt or voucher (R-FIN-1) is kept {@code voided} and counts nowhere; a void told
     * before the payment it voids is kept as a voided one with no day, which the payment then fills in.
     */
    public record Payment(String requestId, LocalDate day, long fen, boolean refund, boolean voided) {

        public Payment(String requestId, LocalDate day, long fen) {
            this(requestId, day, fen, false, false);
        }

        public static Payment refunded(String voucherNo, LocalDate day, long fen) {
            return new Payment(voucherNo, day, fen, true, false);
        }
    }

    /**
     * R-DEAL-7: the deal moved to another unit at {@code at}, from a price and area to a new price and area; a change
     * after the big deposit moves 认购金额 and 认购面积 by the difference on its own day.
     */
    public record UnitChange(String changeId, Instant at, LocalDate day, long fromPriceFen, long toPriceFen, long fromAreaHundredths,
                             long toAreaHundredths) {
    }

    /** The user id the rulebook gives the house account (the department) in shares (R-ATT-16). */
    public static final String DEPARTMENT = "DEPARTMENT";

    /** How far a deal's shares have come (R-ATT-17). */
    public enum ShareState { PROVISIONAL, FINAL, REVERSED }

    public static DealEntry empty(String id, String siteId) {
        return new DealEntry(id, siteId, null, null, null, 0, null, null, null, null, null, null, null, Status.HELD, null, null, null,
                null, null, null, null, List.of(), List.of(), Seen.NONE);
    }

    /** The name the registers show: the archive's, else the one given with the deposit. */
    public String displayName() {
        return customerName != null ? customerName : buyerName;
    }

    public DealEntry withUnit(String unitId, String unitLabel, String building, long areaHundredths) {
        return new DealEntry(id, siteId, unitId != null ? unitId : this.unitId, unitLabel != null ? unitLabel : this.unitLabel,
                building != null ? building : this.building, areaHundredths != 0 ? areaHundredths : this.areaHundredths,
                customerId, customerName, buyerName, phoneMasked, source, rep, repName, status, hold, small, big, contract, reversal,
                lapsedOn, credit, payments, changes, seen);
    }

    /** What the archive says of the customer: name, masked phone, source. */
    public DealEntry withCustomer(String customerId, String name, String phoneMasked, String source) {
        return new DealEntry(id, siteId, unitId, unitLabel, building, areaHundredths,
                customerId != null ? customerId : this.customerId, name != null ? name : customerName, buyerName,
                phoneMasked != null ? Masking.phone(phoneMasked) : this.phoneMasked, source != null ? source : this.source,
                rep, repName, status, hold, small, big, contract, reversal, lapsedOn, credit, payments, changes, seen);
    }

    public DealEntry withBuyer(String buyerName) {
        return new DealEntry(id, siteId, unitId, unitLabel, building, areaHundredths, customerId, customerName,
                buyerName != null ? buyerName : this.buyerName, phoneMasked, source, rep, repName, status, hold, small, big, contract,
                reversal, lapsedOn, credit, payments, changes, seen);
    }

    public DealEntry withRep(String rep, String repName) {
        return new DealEntry(id, siteId, unitId, unitLabel, building, areaHundredths, customerId, customerName, buyerName, phoneMasked,
                source, rep != null ? rep : this.rep, repName != null ? repName : this.repName, status, hold, small, big,
                contract, reversal, lapsedOn, credit, payments, changes, seen);
    }

    private DealEntry with(Status status, Hold hold, Small small, Big big, Contract contract, Reversal reversal,
                           LocalDate lapsedOn, Credit credit) {
        return new DealEntry(id, siteId, unitId, unitLabel, building, areaHundredths, customerId, customerName, buyerName, phoneMasked,
                source, rep, repName, status, hold, small, big, contract, reversal, lapsedOn, credit, payments, changes, seen);
    }

    public DealEntry held(Hold hold) {
        return with(status == Status.RELEASED || status == Status.HELD ? Status.HELD : status, hold, small, big, contract,
                reversal, lapsedOn, credit);
    }

    /** The hold lapsed or was given up before any deposit (R-DEAL-2). */
    public DealEntry released() {
        return status == Status.HELD ? with(Status.RELEASED, hold, small, big, contract, reversal, lapsedOn, credit) : this;
    }

    public DealEntry smallDeposit(Small small) {
        Status next = big == null && contract == null && reversal == null && status != Status.LAPSED ? Status.SMALL_DEPOSIT : status;
        return with(next, hold, small, big, contract, reversal, lapsedOn, credit);
    }

    /** R-DEAL-3: the small deposit was not upgraded in time (told twice — by the unit's release and by the lapse — once). */
    public DealEntry lapsed(LocalDate day) {
        if (big != null || contract != null || status == Status.LAPSED) {
            return this;
        }
        return with(Status.LAPSED, hold, small, big, contract, reversal, day, credit);
    }

    public DealEntry bigDeposit(Big big) {
        Status next = contract == null && reversal == null ? Status.BIG_DEPOSIT : status;
        // the agreement's number may have come first (deal.agreement-issued), or come after
        Big kept = big.agreementNo() == null && this.big != null ? new Big(big.at(), big.day(), big.priceFen(), big.depositFen(),
                this.big.agreementNo()) : big;
        return with(next, hold, small, kept, contract, reversal, lapsedOn, credit);
    }

    /**
     * R-DEAL-4: the agreement's number, announced just after the big deposit (gap-free numbering) on the unit's own
     * stream of events, so always after it.
     */
    public DealEntry agreementIssued(String agreementNo) {
        if (big == null || agreementNo == null) {
            return this;
        }
        return with(status, hold, small, new Big(big.at(), big.day(), big.priceFen(), big.depositFen(), agreementNo), contract, reversal,
                lapsedOn, credit);
    }

    public DealEntry contracted(Contract contract) {
        return with(reversal == null ? Status.CONTRACTED : status, hold, small, big, contract, reversal, lapsedOn, credit);
    }

    public DealEntry reversed(Reversal reversal) {
        return with("BREACH".equals(reversal.kind()) ? Status.BREACH : Status.REFUNDED, hold, small, big, contract, reversal,
                lapsedOn, credit);
    }

    public DealEntry credited(Credit credit) {
        return with(status, hold, small, big, contract, reversal, lapsedOn, credit);
    }

    /**
     * R-FIN-2, R-FIN-3, R-FIN-4: money through the desk for the deal; the same payment again counts once; a payment whose void
     * was told first stays voided.
     */
    public DealEntry paid(Payment payment) {
        List<Payment> next = new ArrayList<>(payments);
        for (int i = 0; i < next.size(); i++) {
            Payment known = next.get(i);
            if (known.requestId().equals(payment.requestId())) {
                if (known.day() != null || !known.voided()) {
                    return this;
                }
                next.set(i, new Payment(payment.requestId(), payment.day(), payment.fen(), payment.refund(), true));
                return withPayments(next);
            }
        }
        next.add(payment);
        return withPayments(next);
    }

    /** R-FIN-1: the receipt or voucher {@code requestId} was voided — it counts nowhere, whether its payment came first or not. */
    public DealEntry voided(String requestId) {
        List<Payment> next = new ArrayList<>(payments);
        for (int i = 0; i < next.size(); i++) {
            Payment known = next.get(i);
            if (known.requestId().equals(requestId)) {
                if (known.voided()) {
                    return this;
                }
                next.set(i, new Payment(known.requestId(), known.day(), known.fen(), known.refund(), true));
                return withPayments(next);
            }
        }
        next.add(new Payment(requestId, null, 0, false, true));
        return withPayments(next);
    }

    private DealEntry withPayments(List<Payment> next) {
        return new DealEntry(id, siteId, unitId, unitLabel, building, areaHundredths, customerId, customerName, buyerName, phoneMasked,
                source, rep, repName, status, hold, small, big, contract, reversal, lapsedOn, credit, next, changes, seen);
    }

    /**
     * R-DEAL-7: the deal moved to {@code unit}; its price is the new unit's from then on (the same change told again changes
     * nothing).
     */
    public DealEntry unitChanged(UnitChange change, String unitId, String unitLabel, String building) {
        if (changes.stream().anyMatch(c -> c.changeId().equals(change.changeId()))) {
            return this;
        }
        List<UnitChange> next = new ArrayList<>(changes);
        next.add(change);
        next.sort(java.util.Comparator.comparing(UnitChange::at));
        DealEntry moved = withUnit(unitId, unitLabel, building, change.toAreaHundredths());
        return new DealEntry(id, siteId, moved.unitId, moved.unitLabel, moved.building, moved.areaHundredths, customerId, customerName,
                buyerName, phoneMasked, source, rep, repName, status, hold, small, big, contract, reversal, lapsedOn, credit, payments, next,
                seen);
    }

    /** The unit changes after the big deposit (those before it are in its price already). */
    private List<UnitChange> changesAfterBig() {
        return big == null ? List.of() : changes.stream().filter(c -> big.at() == null || c.at() == null || !c.at().isBefore(big.at())).toList();
    }

    /** 大订明细表's 成交总价: the big deposit's price, or the unit's it was changed to since (R-DEAL-7). */
    public long subscribedPriceFen() {
        List<UnitChange> after = changesAfterBig();
        return after.isEmpty() ? (big == null ? 0 : big.priceFen()) : after.get(after.size() - 1).toPriceFen();
    }

    /** 小订明细表's 成交价: the small deposit's price, or the unit's it was changed to since (R-DEAL-7). */
    public long smallPriceFen() {
        if (small == null) {
            return 0;
        }
        List<UnitChange> after = changes.stream().filter(c -> small.at() == null || c.at() == null || !c.at().isBefore(small.at())).toList();
        return after.isEmpty() ? small.priceFen() : after.get(after.size() - 1).toPriceFen();
    }

    @Override
    public DealEntry seeing(String eventId) {
        return new DealEntry(id, siteId, unitId, unitLabel, building, areaHundredths, customerId, customerName, buyerName, phoneMasked,
                source, rep, repName, status, hold, small, big, contract, reversal, lapsedOn, credit, payments, changes, seen.plus(eventId));
    }

    /** The price the deal stands at: the contract's, else the big deposit's, else the small deposit's — after any unit change. */
    public long priceFen() {
        return contract != null ? contract.priceFen() : big != null ? subscribedPriceFen() : smallPriceFen();
    }

    /** R-ATT-17: provisional until the contract, final at it, reversed on refund or breach. */
    public ShareState shareState() {
        if (reversal != null) {
            return ShareState.REVERSED;
        }
        return contract != null || credit != null && !credit.provisional() ? ShareState.FINAL : ShareState.PROVISIONAL;
    }

    @Override
    public List<Contribution> contributions() {
        List<Contribution> out = new ArrayList<>();
        String repKey = rep == null ? Axis.NO_REP : rep;
        String sourceKey = source == null ? Axis.UNKNOWN_SOURCE : source;
        String buildingKey = building == null ? Axis.UNKNOWN_BUILDING : building;
        Object[] dims = {Axis.REP, repKey, Axis.SOURCE, sourceKey, Axis.BUILDING, buildingKey};
        if (hold != null && hold.day() != null) {
            out.add(Contribution.on(siteId, hold.day(), Tally.of(Metric.HOLDS, 1), dims));
        }
        if (small != null) {
            out.add(Contribution.on(siteId, small.day(), Tally.of(Metric.SMALL_DEPOSITS, 1, Metric.SMALL_DEPOSIT_FEN, small.amountFen()), dims));
        }
        if (lapsedOn != null) {
            out.add(Contribution.on(siteId, lapsedOn, Tally.of(Metric.SMALL_LAPSED, 1), dims));
        }
        if (big != null) {
            List<UnitChange> after = changesAfterBig();
            long areaAtBig = after.isEmpty() ? areaHundredths : after.get(0).fromAreaHundredths();
            out.add(Contribution.on(siteId, big.day(), Tally.builder().add(Metric.BIG_DEPOSITS, 1)
                    .add(Metric.SUBSCRIBED_FEN, big.priceFen()).add(Metric.SUBSCRIBED_AREA, areaAtBig).build(), dims));
            for (UnitChange change : after) {
                // R-DEAL-7: the subscription moves by the difference on the day of the change; the days before stand as they were
                if (change.day() != null) {
                    out.add(Contribution.on(siteId, change.day(), Tally.builder()
                            .add(Metric.SUBSCRIBED_FEN, change.toPriceFen() - change.fromPriceFen())
                            .add(Metric.SUBSCRIBED_AREA, change.toAreaHundredths() - change.fromAreaHundredths()).build(), dims));
                }
            }
            out.addAll(shares(big.day()));
        }
        if (contract != null) {
            out.add(Contribution.on(siteId, contract.day(), Tally.builder().add(Metric.CONTRACTS, 1)
                    .add(Metric.CONTRACTED_FEN, contract.priceFen()).add(Metric.CONTRACTED_AREA, areaHundredths).build(), dims));
        }
        if (reversal != null) {
            out.add(Contribution.on(siteId, reversal.day(), Tally.of(Metric.CANCELLED, 1, Metric.CANCELLED_FEN, priceFen()), dims));
        }
        for (Payment payment : payments) {
            if (!payment.voided() && payment.day() != null) {
                out.add(Contribution.on(siteId, payment.day(), Tally.of(payment.refund() ? Metric.REFUNDED_FEN : Metric.COLLECTED_FEN,
                        payment.fen()), dims));
            }
        }
        return out;
    }

    /**
     * R-RPT-5: each share of the deal's credit and bonus on the day the big deposit was signed, under its state —
     * provisional, final or reversed, kept apart — the house account's under {@link Axis#HOUSE}.
     */
    private List<Contribution> shares(LocalDate day) {
        if (credit == null) {
            return List.of();
        }
        ShareState state = shareState();
        Metric credit = switch (state) {
            case PROVISIONAL -> Metric.CREDIT_PROVISIONAL;
            case FINAL -> Metric.CREDIT_FINAL;
            case REVERSED -> Metric.CREDIT_REVERSED;
        };
        Metric creditFen = switch (state) {
            case PROVISIONAL -> Metric.CREDIT_FEN_PROVISIONAL;
            case FINAL -> Metric.CREDIT_FEN_FINAL;
            case REVERSED -> Metric.CREDIT_FEN_REVERSED;
        };
        Metric bonusFen = switch (state) {
            case PROVISIONAL -> Metric.BONUS_FEN_PROVISIONAL;
            case FINAL -> Metric.BONUS_FEN_FINAL;
            case REVERSED -> Metric.BONUS_FEN_REVERSED;
        };
        Metric count = switch (state) {
            case PROVISIONAL -> Metric.SHARES_PROVISIONAL;
            case FINAL -> Metric.SHARES_FINAL;
            case REVERSED -> Metric.SHARES_REVERSED;
        };
        long price = priceFen();
        List<Contribution> out = new ArrayList<>();
        for (Share share : this.credit.shares()) {
            String who = DEPARTMENT.equals(share.userId()) ? Axis.HOUSE : share.userId();
            out.add(Contribution.on(siteId, day, Tally.builder()
                    .add(credit, share.credit())
                    .add(creditFen, Fen.share(price, share.credit()))
                    .add(bonusFen, Fen.percent(price, share.bonusPercent()))
                    .add(count, 1).build(), Axis.REP, who));
        }
        return out;
    }
}
