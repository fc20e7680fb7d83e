package io.anchang.deal.adapter.web;

import io.anchang.deal.domain.Unit;

import java.time.Instant;
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

    public record SaleView(String dealId, String customerId, String customerName, String repUserId, String repName,
                           String price, String paid, List<DepositView> deposits, Instant smallDepositLapsesAt,
                           AgreementView agreement, Unit.Credit credit) {
    }

    public record DepositView(String requestId, String kind, String receiptNo, String amount, String method, Instant confirmedAt) {
    }

    public record AgreementView(String number, String buyerName, String buyerPhone, String price, String deposits,
                                String balance, Instant issuedAt) {
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
                        s.agreement() == null ? null : new AgreementView(s.agreement().number(), s.agreement().buyer().name(),
                                mask(s.agreement().buyer().phone()), s.agreement().price().toString(),
                                s.agreement().deposits().toString(), s.agreement().balance().toString(), s.agreement().issuedAt()),
                        s.credit()),
                u.version());
    }

    /** R-SEC-3: 138****5678. */
    static String mask(String phone) {
        return phone == null || phone.length() < 7 ? phone : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
