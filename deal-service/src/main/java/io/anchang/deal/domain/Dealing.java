package io.anchang.deal.domain;

import io.anchang.platform.money.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What became of a sale after its deposit (R-DEAL-5..10): the agreements voided and issued again, the
 * contract and its payment terms, a request waiting for a MANAGER, a name change waiting for its fee,
 * breach cases, a unit change under way, and the payments FINANCE recorded against the contract.
 *
 * @param contractDueOn the last day to sign the contract ({@code contractDays} after the big deposit, R-DEAL-6)
 * @param payments      payments recorded after the contract (a voided or reversed one as its negative twin)
 */
public record Dealing(List<VoidedAgreement> voided, Contract contract, Approval approval, NameChange nameChange,
                      List<Breach> breaches, Move move, List<Paid> payments, LocalDate contractDueOn,
                      LocalDate contractOverdueOn) {

    public static final Dealing NONE = new Dealing(List.of(), null, null, null, List.of(), null, List.of(), null, null);

    public Dealing {
        voided = voided == null ? List.of() : List.copyOf(voided);
        breaches = breaches == null ? List.of() : List.copyOf(breaches);
        payments = payments == null ? List.of() : List.copyOf(payments);
    }

    /** R-DEAL-5: an agreement that was voided, kept on record with why, by whom, and who keeps its signed paper copies. */
    public record VoidedAgreement(Unit.Agreement agreement, String cause, String reason, String paperKeeper, String voidedBy,
                                  Instant voidedAt) {
    }

    /** What waits for a MANAGER: a unit change outside the rule (R-DEAL-7) or a refund (R-DEAL-10). */
    public enum ApprovalKind { UNIT_CHANGE, REFUND }

    /**
     * A request waiting for a MANAGER's approval.
     *
     * @param retentionTalk R-DEAL-10: what the rep did to keep the customer (做客户工作), for a refund
     */
    public record Approval(String approvalId, ApprovalKind kind, String toUnitId, String toUnitLabel, String retentionTalk,
                           String reason, String requestedBy, Instant requestedAt) {
    }

    /** R-DEAL-8: a transfer after the contract, waiting until FINANCE records its fee. */
    public record NameChange(String nameChangeId, Buyer buyer, Money fee, String reason, String requestedBy, Instant requestedAt) {
    }

    /** R-DEAL-9: a breach case; open while {@code ruling} is null. */
    public record Breach(String breachId, String dueId, LocalDate dueOn, Money outstanding, Instant openedAt, String ruling,
                         Money penalty, Money refundAmount, String reason, String ruledBy, Instant ruledAt) {

        public boolean open() {
            return ruling == null;
        }
    }

    /** Which end of a unit change a unit is: the deal leaving it, or arriving on it. */
    public enum Direction { OUT, IN }

    /**
     * R-DEAL-7: a unit change under way between two units (two documents): written on the old unit
     * (OUT) before the new one is claimed, and on the new unit (IN) when it is claimed; cleared when
     * the change is finished or undone (see {@code ChangingUnits}).
     */
    public record Move(String changeId, Direction direction, String otherUnitId, String otherLabel, String rule,
                       String approvedBy, String reason, Money oldPrice, Instant at) {
    }

    /** A payment FINANCE recorded against the contract (R-FIN-3), by its receipt. */
    public record Paid(String receiptNo, String kind, Money amount) {
    }

    public Optional<Breach> openBreach() {
        return breaches.stream().filter(Breach::open).findFirst();
    }

    public Money paid() {
        return payments.stream().map(Paid::amount).reduce(Money.ZERO, Money::plus);
    }

    public boolean hasPayment(String receiptNo) {
        return payments.stream().anyMatch(p -> p.receiptNo().equals(receiptNo));
    }

    Dealing withVoided(VoidedAgreement v) {
        List<VoidedAgreement> next = new ArrayList<>(voided);
        next.add(v);
        return new Dealing(next, contract, approval, nameChange, breaches, move, payments, contractDueOn, contractOverdueOn);
    }

    Dealing withContract(Contract c) {
        return new Dealing(voided, c, approval, nameChange, breaches, move, payments, contractDueOn, contractOverdueOn);
    }

    Dealing withApproval(Approval a) {
        return new Dealing(voided, contract, a, nameChange, breaches, move, payments, contractDueOn, contractOverdueOn);
    }

    Dealing withNameChange(NameChange n) {
        return new Dealing(voided, contract, approval, n, breaches, move, payments, contractDueOn, contractOverdueOn);
    }

    Dealing withMove(Move m) {
        return new Dealing(voided, contract, approval, nameChange, breaches, m, payments, contractDueOn, contractOverdueOn);
    }

    Dealing withContractDueOn(LocalDate day) {
        return new Dealing(voided, contract, approval, nameChange, breaches, move, payments, day, contractOverdueOn);
    }

    /** R-DEAL-6: the day the contract was announced overdue (once). */
    Dealing withContractOverdueOn(LocalDate day) {
        return new Dealing(voided, contract, approval, nameChange, breaches, move, payments, contractDueOn, day);
    }

    Dealing withPayment(Paid paid) {
        List<Paid> next = new ArrayList<>(payments);
        next.add(paid);
        return new Dealing(voided, contract, approval, nameChange, breaches, move, next, contractDueOn, contractOverdueOn);
    }

    Dealing withBreaches(UnaryOperator<List<Breach>> change) {
        return new Dealing(voided, contract, approval, nameChange, change.apply(new ArrayList<>(breaches)), move, payments, contractDueOn, contractOverdueOn);
    }
}
