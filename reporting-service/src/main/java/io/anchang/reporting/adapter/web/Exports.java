package io.anchang.reporting.adapter.web;

import io.anchang.reporting.domain.report.Column;
import io.anchang.reporting.domain.report.Report;
import io.anchang.reporting.domain.report.Table;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * R-RPT-7: a report as an Excel workbook — one sheet per table, the form's Chinese name as its
 * title, the header frozen, numbers, money, percentages and dates as typed cells — written
 * streaming (SXSSF: a window of rows in memory, the rest on disk), and as CSV that Excel opens
 * with the Chinese intact (UTF-8 with a byte-order mark). Text that would start a formula is
 * written so that it stays text.
 */
final class Exports {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));
    private static final int WINDOW = 100;

    private Exports() {
    }

    /** A table to write out: its rows may come as they are read. */
    record Part(String title, List<Column> columns, Iterable<Map<String, Object>> rows, Map<String, Object> total) {
        static Part of(Table table) {
            return new Part(table.title(), table.columns(), table.rows(), table.total());
        }
    }

    static void xlsx(Report report, List<Part> parts, OutputStream out) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        // plain zip entries with their sizes in the local headers: readable by streaming zip readers too, not only by
        // those that read the central directory (a report is far below Zip64's 4 GB)
        workbook.setZip64Mode(org.apache.commons.compress.archivers.zip.Zip64Mode.Never);
        workbook.setCompressTempFiles(true);
        try {
            Styles styles = new Styles(workbook);
            Set<String> names = new HashSet<>();
            for (Part part : parts) {
                SXSSFSheet sheet = workbook.createSheet(sheetName(part.title(), names));
                int r = 0;
                Row title = sheet.createRow(r++);
                cell(title, 0, report.title(), styles.title);
                if (part.columns().size() > 1) {
                    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, Math.min(part.columns().size() - 1, 8)));
                }
                Row subtitle = sheet.createRow(r++);
                cell(subtitle, 0, subtitle(report) + (parts.size() > 1 ? "　" + part.title() : ""), styles.text);
                Row header = sheet.createRow(r++);
                for (int c = 0; c < part.columns().size(); c++) {
                    Column column = part.columns().get(c);
                    cell(header, c, column.title(), styles.header);
                    sheet.setColumnWidth(c, Math.min(60, Math.max(10, column.title().length() * 2 + 4)) * 256);
                }
                sheet.createFreezePane(0, r);
                for (Map<String, Object> values : part.rows()) {
                    write(sheet.createRow(r++), part.columns(), values, styles, false);
                }
                if (part.total() != null) {
                    write(sheet.createRow(r++), part.columns(), part.total(), styles, true);
                }
                if (!report.notes().isEmpty()) {
                    r++;
                    for (String note : report.notes()) {
                        cell(sheet.createRow(r++), 0, "注：" + note, styles.text);
                    }
                }
            }
            if (parts.isEmpty()) {
                workbook.createSheet(sheetName(report.title(), names));
            }
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // temporary files are gone already
            }
        }
    }

    private static void write(Row row, List<Column> columns, Map<String, Object> values, Styles styles, boolean total) {
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            Object value = values.get(column.key());
            if (value == null) {
                if (total) {
                    row.createCell(c).setCellStyle(styles.of(Column.Type.TEXT, true));
                }
                continue;
            }
            Cell cell = row.createCell(c);
            switch (column.type()) {
                case INTEGER, MONEY, DECIMAL, PERCENT -> {
                    if (value instanceof Number number) {
                        cell.setCellValue(number instanceof BigDecimal decimal ? decimal.doubleValue() : number.doubleValue());
                    } else {
                        cell.setCellValue(String.valueOf(value));
                    }
                }
                case DATE -> {
                    if (value instanceof LocalDate date) {
                        cell.setCellValue(date);
                    } else {
                        cell.setCellValue(String.valueOf(value));
                    }
                }
                case TEXT -> cell.setCellValue(String.valueOf(value));
            }
            cell.setCellStyle(value instanceof Number || value instanceof LocalDate ? styles.of(column.type(), total) : styles.of(Column.Type.TEXT, total));
        }
    }

    private static void cell(Row row, int column, String text, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(text);
        cell.setCellStyle(style);
    }

    static String subtitle(Report report) {
        String site = report.site() == null ? "全部案场" : report.site() + (report.siteName() == null ? "" : " " + report.siteName());
        return "案场：" + site + "　期间：" + report.periodLabel() + "　生成时间：" + STAMP.format(report.generatedAt());
    }

    private static String sheetName(String title, Set<String> taken) {
        String base = WorkbookUtil.createSafeSheetName(title == null || title.isBlank() ? "报表" : title);
        base = base.length() > 28 ? base.substring(0, 28) : base;
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "(" + i + ")";
        }
        return name;
    }

    /** The cell styles of a workbook: a workbook may hold only so many. */
    private static final class Styles {
        final CellStyle title;
        final CellStyle text;
        final CellStyle header;
        final Map<Column.Type, CellStyle> plain = new EnumMap<>(Column.Type.class);
        final Map<Column.Type, CellStyle> bold = new EnumMap<>(Column.Type.class);

        Styles(SXSSFWorkbook workbook) {
            DataFormat format = workbook.createDataFormat();
            Font big = workbook.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            Font strong = workbook.createFont();
            strong.setBold(true);
            title = workbook.createCellStyle();
            title.setFont(big);
            text = workbook.createCellStyle();
            header = workbook.createCellStyle();
            header.setFont(strong);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setWrapText(true);
            for (Column.Type type : Column.Type.values()) {
                plain.put(type, style(workbook, format, type, null));
                bold.put(type, style(workbook, format, type, strong));
            }
        }

        private static CellStyle style(SXSSFWorkbook workbook, DataFormat format, Column.Type type, Font font) {
            CellStyle style = workbook.createCellStyle();
            String pattern = switch (type) {
                case INTEGER -> "#,##0";
                case MONEY -> "#,##0.00";
                case DECIMAL -> "#,##0.00##";
                case PERCENT -> "0.00%";
                case DATE -> "yyyy-mm-dd";
                case TEXT -> null;
            };
            if (pattern != null) {
                style.setDataFormat(format.getFormat(pattern));
            }
            if (font != null) {
                style.setFont(font);
                style.setBorderTop(BorderStyle.THIN);
            }
            return style;
        }

        CellStyle of(Column.Type type, boolean total) {
            return (total ? bold : plain).get(type);
        }
    }

    // ---- CSV ----

    static void csv(Report report, List<Part> parts, OutputStream out) {
        try {
            out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            line(writer, List.of(report.title()));
            line(writer, List.of(subtitle(report)));
            for (Part part : parts) {
                writer.write("\r\n");
                if (parts.size() > 1) {
                    line(writer, List.of(part.title()));
                }
                line(writer, part.columns().stream().map(Column::title).toList());
                for (Map<String, Object> values : part.rows()) {
                    line(writer, part.columns().stream().map(c -> text(c, values.get(c.key()))).toList());
                }
                if (part.total() != null) {
                    line(writer, part.columns().stream().map(c -> text(c, part.total().get(c.key()))).toList());
                }
            }
            if (!report.notes().isEmpty()) {
                writer.write("\r\n");
                for (String note : report.notes()) {
                    line(writer, List.of("注：" + note));
                }
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Column column, Object value) {
        if (value == null) {
            return "";
        }
        if (column.type() == Column.Type.PERCENT && value instanceof BigDecimal fraction) {
            return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof LocalDate) {
            return value.toString();
        }
        String text = value.toString();
        // CSV injection: a cell that starts like a formula stays text in Excel
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private static void line(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            String cell = cells.get(i);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                writer.write('"');
                writer.write(cell.replace("\"", "\"\""));
                writer.write('"');
            } else {
                writer.write(cell);
            }
        }
        writer.write("\r\n");
    }
}
