package io.anchang.finance.adapter.print;

import io.anchang.finance.domain.Due;
import io.anchang.platform.print.ChinesePdf;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The payment reminder notice (催款通知单, R-FIN-3, R-DEAL-9): to the buyer, for one amount due — what, since
 * when, how much is outstanding in figures and capitals (R-FIN-6), the day to pay by at the finance desk, and
 * that more than {@code breachMonths} overdue makes the deal a breach case. Two copies: the customer's and the
 * counterfoil the desk keeps.
 */
public final class ReminderPdf {

    public static final List<String> COPIES = List.of("第一联 客户联", "第二联 存根联");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private ReminderPdf() {
    }

    /** @param today the site's day the notice is printed on; {@code payBy}: the day to pay by */
    public static byte[] print(Due due, String siteName, LocalDate today, LocalDate payBy, int breachMonths) {
        try (ChinesePdf pdf = new ChinesePdf("催款通知单 " + due.unitLabel())) {
            for (String copy : COPIES) {
                pdf.page().right(copy, 10).centered("催款通知单", 20).right("编号：" + due.dueId(), 9).rule()
                        .paragraph((due.payerName() == null ? "尊敬的业主" : due.payerName()) + " 先生/女士：", 12)
                        .paragraph("您在" + siteName + "购买的 " + due.unitLabel() + " 房屋，按《商品房买卖合同》约定应于 " + DAY.format(due.dueOn())
                                + " 前支付" + due.kind().chinese() + "。截至 " + DAY.format(today) + "，该款项尚未付清"
                                + (due.overdueOn(today) ? "，已逾期 " + due.daysOverdue(today) + " 天" : "") + "，明细如下：", 11)
                        .row("房号", due.unitLabel())
                        .row("款项", due.kind().chinese() + (due.termNo() > 0 ? "（第 " + due.termNo() + " 期）" : ""))
                        .row("应付日期", DAY.format(due.dueOn()))
                        .row("应付金额", Capitals.withFigures(due.amount()))
                        .row("已付金额", Capitals.withFigures(due.paid()))
                        .row("尚欠金额", Capitals.withFigures(due.outstanding()))
                        .rule()
                        .paragraph("请于 " + DAY.format(payBy) + " 前到售楼处财务处交纳（只在财务处交款，置业顾问不得代收）。逾期超过 " + breachMonths
                                + " 个月，将按合同违约责任处理。如已付款，请持收据与财务核对，本通知作废。", 11)
                        .space(24)
                        .row("通知单位", siteName + " 财务部（盖章）")
                        .row("通知日期", DAY.format(today))
                        .space(18)
                        .row("客户签收", "____________________");
            }
            return pdf.toBytes();
        }
    }
}
