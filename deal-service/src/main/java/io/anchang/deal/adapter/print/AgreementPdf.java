package io.anchang.deal.adapter.print;

import io.anchang.deal.domain.Unit;
import io.anchang.platform.money.ChineseAmount;
import io.anchang.platform.money.Money;
import io.anchang.platform.print.ChinesePdf;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The subscription agreement (认购书, R-DEAL-4) in four copies on four pages of one PDF —
 * customer, finance, sales ×2 — each with the number, the unit, the buyer and their contact,
 * the price, the deposit and the computed balance, in figures and in capitals (R-FIN-6).
 */
public final class AgreementPdf {

    public static final List<String> COPIES = List.of("第一联 客户联", "第二联 财务联", "第三联 销售联", "第四联 销售联（存档）");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private AgreementPdf() {
    }

    /** The agreement's four copies; times on the site's clock ({@code zone}). */
    public static byte[] print(Unit unit, String siteName, ZoneId zone) {
        Unit.Sale sale = unit.sale();
        Unit.Agreement a = sale.agreement();
        try (ChinesePdf pdf = new ChinesePdf("认购书 " + a.number())) {
            for (String copy : COPIES) {
                pdf.page().right(copy, 10).centered("商品房认购书", 20).right("编号：" + a.number(), 10).rule()
                        .row("项目", siteName)
                        .row("房号", unit.label() + "（" + unit.floor() + "层，" + unit.layout() + "，建筑面积 " + unit.area().toPlainString() + " 平方米"
                                + (unit.orientation() == null ? "" : "，" + unit.orientation()) + "）")
                        .row("买受人", a.buyer().name())
                        .row("联系电话", a.buyer().phone())
                        .row("联系地址", a.buyer().address())
                        .row("邮政编码", a.buyer().postcode())
                        .row("置业顾问", sale.repName() + "（" + sale.repUserId() + "）")
                        .rule()
                        .row("表价", money(unit.listPrice()))
                        .row("折扣", sale.price().discountPercent().signum() == 0 ? "无"
                                : sale.price().discountPercent().stripTrailingZeros().toPlainString() + "%（批准：" + sale.price().grantedBy() + "）")
                        .row("成交价", money(a.price()))
                        .row("已付定金", money(a.deposits()))
                        .row("余款", money(a.balance()))
                        .rule()
                        .paragraph("买受人已交付定金，财务已确认并开具收据（收据号："
                                + String.join("、", sale.deposits().stream().map(Unit.Deposit::receiptNo).toList())
                                + "）。余款按双方签订的《商品房买卖合同》约定支付。本认购书一式四份：客户联、财务联各一份，销售联两份，具同等效力。", 10)
                        .space(24)
                        .row("签发时间", DAY.withZone(zone).format(a.issuedAt()))
                        .space(24)
                        .row("买受人签字", "____________________")
                        .row("出卖人盖章", "____________________");
            }
            return pdf.toBytes();
        }
    }

    private static String money(Money amount) {
        return ChineseAmount.withFigures(amount);
    }
}
