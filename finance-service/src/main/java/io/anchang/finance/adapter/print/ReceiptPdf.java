package io.anchang.finance.adapter.print;

import io.anchang.finance.domain.Receipt;
import io.anchang.platform.print.ChinesePdf;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A receipt (收据) in three copies — customer, finance, counterfoil — with the amount in figures and capitals (R-FIN-6),
 * the time it was taken shown on the site's clock (its time zone), as the desk's day is.
 */
public final class ReceiptPdf {

    public static final List<String> COPIES = List.of("第一联 客户联", "第二联 财务联", "第三联 存根联");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private ReceiptPdf() {
    }

    static String purpose(Receipt r) {
        return switch (r.kind()) {
            case "BIG" -> "大定定金";
            case "SMALL" -> "小定定金";
            case "REVERSAL" -> "红字冲销（冲 " + r.ledger().reverses() + "）";
            default -> {
                try {
                    yield io.anchang.finance.domain.DueKind.valueOf(r.kind()).chinese();
                } catch (IllegalArgumentException e) {
                    yield r.kind();
                }
            }
        };
    }

    public static byte[] print(Receipt r, String siteName, ZoneId zone) {
        try (ChinesePdf pdf = new ChinesePdf("收据 " + r.number())) {
            for (String copy : COPIES) {
                pdf.page().right(copy, 10).centered("收据", 22).right("收据号：" + r.number(), 10).rule()
                        .row("项目", siteName)
                        .row("交款人", r.customerName())
                        .row("房号", r.unitLabel())
                        .row("款项", purpose(r))
                        .row("金额", Capitals.withFigures(r.amount()))
                        .row("收款方式", r.method().chinese() + (r.reference() == null || r.reference().isBlank() ? "" : "（凭证号 " + r.reference() + "）"))
                        .row("置业顾问", r.repName() == null ? "" : r.repName())
                        .row("收款人", r.confirmedByName() + "（财务）")
                        .row("收款时间", TIME.withZone(zone).format(r.confirmedAt()))
                        .rule()
                        .paragraph(r.ledger().voided() != null ? "【作废】" + r.ledger().voided().reason() + "（" + r.ledger().voided().byName() + "）"
                                : r.ledger().reversedBy() != null ? "【已冲销】冲销凭证 " + r.ledger().reversedBy() : "", 12)
                        .paragraph("本收据为收款凭证，仅财务收款有效；置业顾问不得私自收取任何款项。", 9);
            }
            return pdf.toBytes();
        }
    }
}
