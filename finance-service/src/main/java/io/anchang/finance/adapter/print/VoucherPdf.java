package io.anchang.finance.adapter.print;

import io.anchang.finance.domain.Voucher;
import io.anchang.platform.print.ChinesePdf;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A payment voucher (付款凭证, R-FIN-4) in two copies — finance and the payee's — amount in figures and capitals (R-FIN-6). */
public final class VoucherPdf {

    public static final List<String> COPIES = List.of("第一联 财务联", "第二联 收款人联");

    private VoucherPdf() {
    }

    public static byte[] print(Voucher v, String siteName, ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").withZone(zone);
        try (ChinesePdf pdf = new ChinesePdf("付款凭证 " + v.number())) {
            for (String copy : COPIES) {
                pdf.page().right(copy, 10).centered("付款凭证", 22).right("凭证号：" + v.number(), 10).rule()
                        .row("项目", siteName)
                        .row("收款人", v.payee())
                        .row("房号", v.unitLabel() == null ? "" : v.unitLabel())
                        .row("事由", reason(v.reason()) + (v.reverses() == null ? "" : " " + v.reverses() + "（红字冲销）"))
                        .row("金额", Capitals.withFigures(v.amount()))
                        .row("付款方式", v.method().chinese() + (v.reference() == null ? "" : "（凭证号 " + v.reference() + "）"))
                        .row("经办人", v.paidByName() + "（财务）")
                        .row("付款时间", time.format(v.paidAt()))
                        .row("入账日", v.businessDay().toString())
                        .rule()
                        .paragraph(v.voided() == null ? "" : "【作废】" + v.voided().reason() + "（" + v.voided().byName() + "）", 12)
                        .space(24)
                        .row("收款人签字", "____________________");
            }
            return pdf.toBytes();
        }
    }

    static String reason(String reason) {
        return switch (reason == null ? "" : reason) {
            case "REFUND_APPROVED" -> "退房退款（经理审批）";
            case "REVERSAL" -> "冲销付款凭证";
            case "BREACH_CANCELLED" -> "违约解约退款";
            case "SMALL_DEPOSIT_LAPSED" -> "小定到期退款";
            case "HOLD_GONE", "UNIT_UNKNOWN" -> "定金未能入账退款";
            default -> reason != null && reason.contains("CASH_IN_HAND") ? "逾期收取现金退款" : reason;
        };
    }
}
