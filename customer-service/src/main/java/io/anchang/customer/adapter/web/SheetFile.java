package io.anchang.customer.adapter.web;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.sheet.Sheets;

import java.util.List;

/**
 * A customer list as a table of text cells: CSV or an Excel workbook (.xlsx, the first sheet), read by the platform's
 * bounded reader ({@link Sheets}) within {@link Limits}; a refusal names the customer list and is a 413 when a limit is
 * exceeded.
 */
final class SheetFile {

    static final String XLSX = Sheets.XLSX;

    /**
     * How much a customer list may be.
     *
     * @param maxRows the last row with content, the header included
     */
    record Limits(long maxUnzippedBytes, int maxEntries, int maxRows, int maxColumns, long maxCells, int maxCellChars, long maxChars) {

        static final Limits DEFAULT = new Limits(32L << 20, 64, 5_001, 16, 200_000, 200, 2_000_000);

        Sheets.Limits sheet() {
            return new Sheets.Limits(maxUnzippedBytes, maxEntries, maxRows, maxColumns, maxCells, maxCellChars, maxChars);
        }
    }

    private static final Sheets.Refusals REFUSALS = new Sheets.Refusals() {

        @Override
        public ProblemException tooLarge(String what) {
            return new ProblemException(413, "import-too-large", "Import too large", "客户档案文件超出限制：" + what
                    + " (The customer list exceeds a limit)");
        }

        @Override
        public ProblemException unreadable(String why) {
            return ProblemException.invalid("import-unreadable", "无法读取该 Excel 文件，请另存为 .xlsx 或 CSV (The file is not a readable "
                    + ".xlsx workbook: " + why + ")");
        }

        @Override
        public String rowsExceeded(int row, Sheets.Limits limits) {
            return "一次最多导入 " + (limits.maxRows() - 1) + " 位客户（表头之外），第 " + row + " 行仍有内容；请分成几个文件导入 (at most "
                    + (limits.maxRows() - 1) + " customers per file; row " + row + " has content: split the file)";
        }
    };

    private SheetFile() {
    }

    static List<List<String>> read(byte[] content, String contentType, Limits limits) {
        if (content == null || content.length == 0) {
            throw ProblemException.invalid("import-empty", "请上传客户档案文件（CSV 或 Excel） (Upload the customer list as CSV or .xlsx)");
        }
        return Sheets.read(content, contentType, limits.sheet(), REFUSALS);
    }

    static List<List<String>> csv(String text, Limits limits) {
        return Sheets.csv(text, limits.sheet(), REFUSALS);
    }
}
