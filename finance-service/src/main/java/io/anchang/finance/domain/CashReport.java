package io.anchang.finance.domain;

import io.anchang.platform.money.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * R-FIN-5: the desk's daily cash report (现金日报) of a site: what came in (its receipts, a reversing entry
 * counting negative) and what went out (its vouchers) by payment method, and the net. It reconciles: the
 * totals are the sums of the receipts and vouchers listed, voided ones listed but not counted.
 */
public record CashReport(String siteId, LocalDate day, boolean closed, List<Receipt> receipts, List<Voucher> vouchers,
                         Map<PaymentMethod, Line> byMethod, Money received, Money paidOut, Money net) {

    /** One payment method's money of the day. */
    public record Line(Money received, Money paidOut, Money net, int receipts, int vouchers) {
    }

    public static CashReport of(String siteId, LocalDate day, boolean closed, List<Receipt> receipts, List<Voucher> vouchers) {
        Map<PaymentMethod, Line> byMethod = new EnumMap<>(PaymentMethod.class);
        for (PaymentMethod method : PaymentMethod.values()) {
            Money in = Money.ZERO;
            Money out = Money.ZERO;
            int r = 0;
            int v = 0;
            for (Receipt receipt : receipts) {
                if (receipt.counts() && receipt.method() == method) {
                    in = in.plus(receipt.amount());
                    r++;
                }
            }
            for (Voucher voucher : vouchers) {
                if (voucher.counts() && voucher.method() == method) {
                    out = out.plus(voucher.amount());
                    v++;
                }
            }
            byMethod.put(method, new Line(in, out, in.minus(out), r, v));
        }
        Money received = byMethod.values().stream().map(Line::received).reduce(Money.ZERO, Money::plus);
        Money paidOut = byMethod.values().stream().map(Line::paidOut).reduce(Money.ZERO, Money::plus);
        List<Receipt> sortedReceipts = new ArrayList<>(receipts);
        sortedReceipts.sort(java.util.Comparator.comparing(Receipt::number));
        List<Voucher> sortedVouchers = new ArrayList<>(vouchers);
        sortedVouchers.sort(java.util.Comparator.comparing(Voucher::number));
        return new CashReport(siteId, day, closed, sortedReceipts, sortedVouchers, byMethod, received, paidOut, received.minus(paidOut));
    }

    /** The receipts that count. */
    public int receiptCount() {
        return (int) receipts.stream().filter(Receipt::counts).count();
    }

    public int voucherCount() {
        return (int) vouchers.stream().filter(Voucher::counts).count();
    }
}
