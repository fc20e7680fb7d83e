package io.anchang.finance.adapter.print;

import io.anchang.finance.domain.CashReport;
import io.anchang.finance.domain.PaymentMethod;
import io.anchang.finance.domain.Receipt;
import io.anchang.finance.domain.Voucher;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The daily cash report (现金日报表, R-FIN-5) as an Excel workbook: a summary sheet by payment method, a sheet of
 * the day's receipts (收据明细) and one of its vouchers (付款凭证明细). Amounts are numbers with two decimals.
 */
public final class CashReportXlsx {

    private CashReportXlsx() {
    }

    public static byte[] write(CashReport report, String siteName, ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var money = book.createCellStyle();
            money.setDataFormat(book.createDataFormat().getFormat("#,##0.00"));
            Sheet summary = book.createSheet("现金日报表");
            row(summary, 0, "项目", siteName);
            row(summary, 1, "日期", report.day().toString());
            row(summary, 2, "状态", report.closed() ? "已日结" : "未日结");
            row(summary, 4, "收款方式", "收入", "收入笔数", "支出", "支出笔数", "净额");
            int r = 5;
            for (PaymentMethod method : PaymentMethod.values()) {
                CashReport.Line line = report.byMethod().get(method);
                Row row = summary.createRow(r++);
                row.createCell(0).setCellValue(method.chinese());
                amount(row, 1, line.received().amount().doubleValue(), money);
                row.createCell(2).setCellValue(line.receipts());
                amount(row, 3, line.paidOut().amount().doubleValue(), money);
                row.createCell(4).setCellValue(line.vouchers());
                amount(row, 5, line.net().amount().doubleValue(), money);
            }
            Row total = summary.createRow(r);
            total.createCell(0).setCellValue("合计");
            amount(total, 1, report.received().amount().doubleValue(), money);
            total.createCell(2).setCellValue(report.receiptCount());
            amount(total, 3, report.paidOut().amount().doubleValue(), money);
            total.createCell(4).setCellValue(report.voucherCount());
            amount(total, 5, report.net().amount().doubleValue(), money);

            Sheet receipts = book.createSheet("收据明细");
            row(receipts, 0, "收据号", "时间", "款项", "房号", "交款人", "收款方式", "凭证号", "金额", "状态");
            int i = 1;
            for (Receipt receipt : report.receipts()) {
                Row row = row(receipts, i++, receipt.number(), time.format(receipt.confirmedAt()), ReceiptPdf.purpose(receipt),
                        nz(receipt.unitLabel()), nz(receipt.customerName()), receipt.method().chinese(), nz(receipt.reference()));
                amount(row, 7, receipt.amount().amount().doubleValue(), money);
                row.createCell(8).setCellValue(receipt.counts() ? "有效" : "作废（不计）");
            }
            Sheet vouchers = book.createSheet("付款凭证明细");
            row(vouchers, 0, "凭证号", "时间", "事由", "房号", "收款人", "付款方式", "凭证号", "金额", "状态");
            i = 1;
            for (Voucher voucher : report.vouchers()) {
                Row row = row(vouchers, i++, voucher.number(), time.format(voucher.paidAt()), VoucherPdf.reason(voucher.reason()),
                        nz(voucher.unitLabel()), voucher.payee(), voucher.method().chinese(), nz(voucher.reference()));
                amount(row, 7, voucher.amount().amount().doubleValue(), money);
                row.createCell(8).setCellValue(voucher.counts() ? "有效" : "作废（不计）");
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cash report", e);
        }
    }

    private static Row row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
        return row;
    }

    private static void amount(Row row, int column, double value, org.apache.poi.ss.usermodel.CellStyle style) {
        var cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }
}
