package io.anchang.finance.adapter.print;

import io.anchang.finance.domain.CashReport;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.Receipt;
import io.anchang.finance.domain.Voucher;
import io.anchang.platform.print.ChinesePdf;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The daily cash report (现金日报表, R-FIN-5): by payment method what came in and went out, then every receipt
 * and voucher of the day — voided ones shown, not counted — so that the totals can be checked against them.
 */
public final class CashReportPdf {

    private CashReportPdf() {
    }

    public static byte[] print(CashReport report, String siteName, ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        try (ChinesePdf pdf = new ChinesePdf("现金日报表 " + report.day())) {
            pdf.page().centered("现金日报表", 20).right(siteName + "  " + report.day() + (report.closed() ? "（已日结）" : "（未日结）"), 10).rule();
            for (PaymentMethod method : PaymentMethod.values()) {
                CashReport.Line line = report.byMethod().get(method);
                pdf.row(method.chinese(), "收入 " + line.received() + " 元（" + line.receipts() + " 笔），支出 " + line.paidOut() + " 元（"
                        + line.vouchers() + " 笔），净额 " + line.net() + " 元");
            }
            pdf.rule()
                    .row("收入合计", Capitals.withFigures(report.received()))
                    .row("支出合计", Capitals.withFigures(report.paidOut()))
                    .row("净额", Capitals.withFigures(report.net()))
                    .rule().paragraph("收据明细（" + report.receipts().size() + " 张）", 12);
            for (Receipt r : report.receipts()) {
                pdf.row(r.number(), time.format(r.confirmedAt()) + " " + (r.unitLabel() == null ? "" : r.unitLabel()) + " "
                        + (r.customerName() == null ? "" : r.customerName()) + " " + r.method().chinese() + " " + r.amount() + " 元"
                        + (r.counts() ? "" : "【作废，不计】"));
            }
            pdf.rule().paragraph("付款凭证明细（" + report.vouchers().size() + " 张）", 12);
            for (Voucher v : report.vouchers()) {
                pdf.row(v.number(), time.format(v.paidAt()) + " " + (v.unitLabel() == null ? "" : v.unitLabel()) + " " + v.payee() + " "
                        + v.method().chinese() + " " + v.amount() + " 元" + (v.counts() ? "" : "【作废，不计】"));
            }
            pdf.space(18).row("出纳", "__________").row("会计", "__________");
            return pdf.toBytes();
        }
    }
}
