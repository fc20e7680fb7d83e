package io.anchang.deal.adapter.web;

import io.anchang.deal.domain.Contract;
import io.anchang.deal.domain.Dealing;
import io.anchang.deal.domain.Unit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A unit as the board and the desk see it: its data, its status, who holds it and until
 * when, the deposit waiting at the finance desk, the sale. Amounts as exact strings; the
 * buyer's phone masked (R-SEC-3).
 */
public record UnitView(String id, String label, String siteId, String building, String number, int floor, String layout,
                       String area, String listPrice, String orientation, String grade, String status, String statusName,
                       HoldView hold, ReservationView reservation, RequestView request, SaleView sale, long version) {

    public record HoldView(String holdId, String customerId, String customerName, String repUserId, String repName,
                           Instant heldAt, Instant expiresAt) {
    }

    public record ReservationView(String by, String byName, String reason, Instant at) {
    }

    public record RequestView(String requestId, String kind, String amount, String price, String discountPercent,
                              String grantedBy, Instant requestedAt) {
    }

    /**
     * @param paid      the deposits paid
     * @param paidInAll the deposits and the payments recorded against the contract
     */
    public record SaleView(String dealId, String customerId, String customerName, String repUserId, String repName,
                           String price, String paid, List<DepositView> deposits, Instant smallDepositLapsesAt,
                           AgreementView agreement, Unit.Credit credit, String paidInAll, LocalDate contractDueOn,
                           List<VoidedView> voidedAgreements, ContractView contract, ApprovalView approval,
                           NameChangeView nameChange, List<BreachView> breaches, MoveView move, List<PaidView> payments) {
    }

    /** R-DEAL-5: a voided agreement kept on record, and who keeps its signed paper copies. */
    public record VoidedView(AgreementView agreement, String cause, String reason, String paperKeeper, String voidedBy, Instant voidedAt) {
    }

    /** R-DEAL-6: the contract with its terms and its online filing (网签); the buyer's phone masked. */
    public record ContractView(String contractId, String buyerName, String buyerPhone, String price, String deposits,
                               List<TermView> terms, LocalDate signedOn, LocalDate dueOn, boolean late, String signedBy,
                               Instant signedAt, String filingStatus, String filingStatusName, String filingNo) {
    }

    public record TermView(int no, String kind, String kindName, String amount, LocalDate dueOn) {
    }

    /** What waits for the MANAGER: a unit change outside the rule, or a refund with its retention talk. */
    public record ApprovalView(String approvalId, String kind, String toUnitId, String toUnitLabel, String retentionTalk,
                               String reason, String requestedBy, Instant requestedAt) {
    }

    /** R-DEAL-8: a transfer waiting for its fee at the finance desk; the new buyer's phone masked. */
    public record NameChangeView(String nameChangeId, String buyerName, String buyerPhone, String fee, String requestedBy,
                                 Instant requestedAt) {
    }

    public record BreachView(String breachId, String dueId, LocalDate dueOn, String outstanding, Instant openedAt, String ruling,
                             String penalty, String reason, String ruledBy, Instant ruledAt) {
    }

    /** R-DEAL-7: a unit change under way. */
    public record MoveView(String changeId, String direction, String otherUnitId, String otherLabel, String rule, Instant at) {
    }

    public record PaidView(String receiptNo, String kind, String amount) {
    }

    public record DepositView(String requestId, String kind, String receiptNo, String amount, String method, Instant confirmedAt) {
    }

    public record AgreementView(String number, String buyerName, String buyerPhone, String price, String deposits,
                                String balance, Instant issuedAt, String copiesKeeper) {

        static AgreementView of(Unit.Agreement a) {
            return a == null ? null : new AgreementView(a.number(), a.buyer().name(), mask(a.buyer().phone()), a.price().toString(),
                    a.deposits().toString(), a.balance().toString(), a.issuedAt(), a.copiesKeeper());
        }
    }

    static UnitView of(Unit u) {
        Unit.Hold h = u.hold();
        Unit.Reservation r = u.reservation();
        Unit.DepositRequest q = u.request();
        Unit.Sale s = u.sale();
        return new UnitView(u.id(), u.label(), u.siteId(), u.buildingCode(), u.number(), u.floor(), u.layout(),
                u.area().toPlainString(), u.listPrice().toString(), u.orientation(), u.grade(), u.status().name(),
                u.status().chinese(),
                h == null ? null : new HoldView(h.holdId(), h.customerId(), h.customerName(), h.repUserId(), h.repName(), h.heldAt(), h.expiresAt()),
                r == null ? null : new ReservationView(r.by(), r.byName(), r.reason(), r.at()),
                q == null ? null : new RequestView(q.requestId(), q.kind().name(), q.amount().toString(), q.price().price().toString(),
                        q.price().discountPercent().toPlainString(), q.price().grantedBy(), q.requestedAt()),
                s == null ? null : new SaleView(s.dealId(), s.customerId(), s.customerName(), s.repUserId(), s.repName(),
                        s.price().price().toString(), s.paid().toString(),
                        s.deposits().stream().map(d -> new DepositView(d.requestId(), d.kind().name(), d.receiptNo(),
                                d.amount().toString(), d.method(), d.confirmedAt())).toList(),
                        s.smallDepositLapsesAt(),
                        AgreementView.of(s.agreement()), s.credit(), s.paidInAll().toString(), s.dealing().contractDueOn(),
                        s.dealing().voided().stream().map(v -> new VoidedView(AgreementView.of(v.agreement()), v.cause(), v.reason(),
                                v.paperKeeper(), v.voidedBy(), v.voidedAt())).toList(),
                        contract(s.dealing().contract()), approval(s.dealing().approval()), nameChange(s.dealing().nameChange()),
                        s.dealing().breaches().stream().map(b -> new BreachView(b.breachId(), b.dueId(), b.dueOn(), b.outstanding().toString(),
                                b.openedAt(), b.ruling(), b.penalty() == null ? null : b.penalty().toString(), b.reason(), b.ruledBy(),
                                b.ruledAt())).toList(),
                        s.dealing().move() == null ? null : new MoveView(s.dealing().move().changeId(), s.dealing().move().direction().name(),
                                s.dealing().move().otherUnitId(), s.dealing().move().otherLabel(), s.dealing().move().rule(), s.dealing().move().at()),
                        s.dealing().payments().stream().map(p -> new PaidView(p.receiptNo(), p.kind(), p.amount().toString())).toList()),
                u.version());
    }

    private static ContractView contract(Contract c) {
        return c == null ? null : new ContractView(c.contractId(), c.buyer().name(), mask(c.buyer().phone()), c.price().toString(),
                c.deposits().toString(), c.terms().stream().map(t -> new TermView(t.no(), t.kind().name(), t.kind().chinese(),
                t.amount().toString(), t.dueOn())).toList(), c.signedOn(), c.dueOn(), c.late(), c.signedBy(), c.signedAt(),
                c.filing().status().name(), c.filing().status().chinese(), c.filing().filingNo());
    }

    private static ApprovalView approval(Dealing.Approval a) {
        return a == null ? null : new ApprovalView(a.approvalId(), a.kind().name(), a.toUnitId(), a.toUnitLabel(), a.retentionTalk(),
                a.reason(), a.requestedBy(), a.requestedAt());
    }

    private static NameChangeView nameChange(Dealing.NameChange n) {
        return n == null ? null : new NameChangeView(n.nameChangeId(), n.buyer().name(), mask(n.buyer().phone()), n.fee().toString(),
                n.requestedBy(), n.requestedAt());
    }

    /** R-SEC-3: 138****5678. */
    static String mask(String phone) {
        return phone == null || phone.length() < 7 ? phone : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
