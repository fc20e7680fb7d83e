package io.anchang.deal.adapter.web;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.sheet.Sheets;
import io.anchang.platform.validation.Echo;

import java.util.List;

/**
 * A price list file as a table of text cells: CSV or an Excel workbook (.xlsx, the first sheet), read by the platform's
 * bounded reader ({@link Sheets}, issue 9) within {@link Limits}; a refusal names the price list.
 */
final class PriceListFile {

    static final String XLSX = Sheets.XLSX;

    /**
     * How much a price list may be.
     *
     * @param maxBytes         the file as uploaded
     * @param maxUnzippedBytes all parts of an .xlsx, unzipped
     * @param maxEntries       the parts of an .xlsx
     * @param maxRows          the last row with content (the header is row 1)
     * @param maxColumns       the last column with content (26: A to Z)
     * @param maxCells         cells the file lists, empty or not
     * @param maxCellChars     characters of one cell
     * @param maxChars         characters of the whole table
     */
    record Limits(int maxBytes, long maxUnzippedBytes, int maxEntries, int maxRows, int maxColumns, long maxCells,
                  int maxCellChars, long maxChars) {

        static final Limits DEFAULT = new Limits(1 << 20, 8L << 20, 64, 5_000, 26, 200_000, 200, 1_000_000);

        Sheets.Limits sheet() {
            return new Sheets.Limits(maxUnzippedBytes, maxEntries, maxRows, maxColumns, maxCells, maxCellChars, maxChars);
        }
    }

    private static final Sheets.Refusals REFUSALS = new Sheets.Refusals() {

        @Override
        public ProblemException tooLarge(String what) {
            return ProblemException.invalid("price-list-too-large", "价目表超出限制：" + what
                    + "。请只保留房源数据后重新导入 (The price list exceeds a limit; keep only the units' rows and columns and import again)");
        }

        @Override
        public ProblemException unreadable(String why) {
            return ProblemException.invalid("price-list-unreadable", "无法读取该 Excel 文件，请另存为 .xlsx 或 CSV (The file is not a "
                    + "readable .xlsx workbook: " + Echo.of(why) + ")");
        }

        @Override
        public String rowsExceeded(int row, Sheets.Limits limits) {
            return "价目表最多 " + limits.maxRows() + " 行，第 " + row + " 行仍有内容 (at most " + limits.maxRows() + " rows; row " + row
                    + " has content)";
        }

        @Override
        public String columnsExceeded(int row, int column, Sheets.Limits limits) {
            return "价目表最多 " + limits.maxColumns() + " 列（A 到 " + columnName(limits.maxColumns() - 1) + "），第 " + row + " 行的第 "
                    + (column + 1) + " 列仍有内容 (at most " + limits.maxColumns() + " columns; row " + row + " has content in column "
                    + (column + 1) + ")";
        }
    };

    private PriceListFile() {
    }

    static List<List<String>> read(byte[] content, String contentType) {
        return read(content, contentType, Limits.DEFAULT);
    }

    static List<List<String>> read(byte[] content, String contentType, Limits limits) {
        if (content == null || content.length == 0) {
            throw ProblemException.invalid("price-list-empty", "请上传价目表文件（CSV 或 Excel） (Upload the price list as CSV or .xlsx)");
        }
        if (content.length > limits.maxBytes()) {
            throw new ProblemException(413, "price-list-too-large", "Request body too large", "价目表文件不能超过 "
                    + limits.maxBytes() / 1024 + " KB (The price list file is at most " + limits.maxBytes() / 1024 + " KB)");
        }
        return Sheets.read(content, contentType, limits.sheet(), REFUSALS);
    }

    /** RFC 4180: commas, quoted cells with doubled quotes, CRLF or LF; within the limits. */
    static List<List<String>> csv(String text) {
        return Sheets.csv(text, Limits.DEFAULT.sheet(), REFUSALS);
    }

    /** A 0-based column's letters: 0 is A, 25 is Z. */
    static String columnName(int column) {
        return Sheets.columnName(column);
    }
}
