package io.anchang.deal.adapter.web;

import io.anchang.platform.money.Decimals;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.validation.Echo;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A price list file as a table of text cells: CSV (UTF-8, with or without BOM, or GB18030 as
 * Excel saves CSV on a Chinese Windows) or an Excel workbook (.xlsx, the first sheet).
 *
 * <p>Read within {@link Limits} (issue 9): the file's bytes, the bytes it unzips to and its number
 * of zip entries (a zip bomb unpacks to gigabytes), rows, columns, cells and characters. An .xlsx
 * is read as a stream of XML events (StAX, no DTD, no external entities) straight from the
 * unzipped parts: a cell reference is parsed and checked before anything is allocated for it, so
 * a row that names a cell in the last column (XFD, or ZZZZZZ) costs nothing — an empty cell
 * beyond the last column is skipped and counted, one with content refuses the file. Readers of
 * whole workbooks (Apache POI's) fill every cell up to the last one a row names, and a streaming
 * library (fastexcel) sizes its row by the column index it is given; hence this reader.
 */
final class PriceListFile {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final MathContext EXCEL_DIGITS = new MathContext(15);

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
    }

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
        boolean zip = content.length > 3 && content[0] == 'P' && content[1] == 'K';
        if (zip || (contentType != null && contentType.startsWith(XLSX))) {
            return excel(content, limits);
        }
        return csv(text(content), limits);
    }

    // ---- the table and its limits ----

    /** The rows as read, within the limits; rows are numbered as the file shows them (the header is row 1). */
    private static final class Table {

        private final Limits limits;
        private final List<List<String>> rows = new ArrayList<>();
        private long cells;
        private long chars;

        Table(Limits limits) {
            this.limits = limits;
        }

        /** One cell of row {@code row} (1-based) in column {@code column} (0-based); rows come in order. */
        void cell(int row, int column, String text) {
            if (++cells > limits.maxCells()) {
                throw tooLarge("单元格超过 " + limits.maxCells() + " 个 (more than " + limits.maxCells() + " cells)");
            }
            if (text.isEmpty() || text.isBlank()) {
                return;
            }
            if (row > limits.maxRows()) {
                throw tooLarge("价目表最多 " + limits.maxRows() + " 行，第 " + row + " 行仍有内容 (at most " + limits.maxRows()
                        + " rows; row " + row + " has content)");
            }
            if (column >= limits.maxColumns()) {
                throw tooLarge("价目表最多 " + limits.maxColumns() + " 列（A 到 " + columnName(limits.maxColumns() - 1) + "），第 " + row
                        + " 行的第 " + (column + 1) + " 列仍有内容 (at most " + limits.maxColumns() + " columns; row " + row
                        + " has content in column " + (column + 1) + ")");
            }
            if (text.length() > limits.maxCellChars()) {
                throw tooLarge("第 " + row + " 行有单元格超过 " + limits.maxCellChars() + " 个字符 (a cell of row " + row
                        + " is longer than " + limits.maxCellChars() + " characters)");
            }
            chars += text.length();
            if (chars > limits.maxChars()) {
                throw tooLarge("价目表内容超过 " + limits.maxChars() + " 个字符 (more than " + limits.maxChars() + " characters)");
            }
            while (rows.size() < row) {
                rows.add(new ArrayList<>());
            }
            List<String> cells = rows.get(row - 1);
            while (cells.size() < column) {
                cells.add("");
            }
            if (cells.size() == column) {
                cells.add(text);
            } else {
                cells.set(column, text);
            }
        }

        List<List<String>> rows() {
            return rows;
        }
    }

    private static ProblemException tooLarge(String what) {
        return ProblemException.invalid("price-list-too-large", "价目表超出限制：" + what
                + "。请只保留房源数据后重新导入 (The price list exceeds a limit; keep only the units' rows and columns and import again)");
    }

    private static ProblemException unreadable(String why) {
        return ProblemException.invalid("price-list-unreadable", "无法读取该 Excel 文件，请另存为 .xlsx 或 CSV (The file is not a readable .xlsx workbook: "
                + Echo.of(why) + ")");
    }

    // ---- CSV ----

    private static String text(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(content, Charset.forName("GB18030"));
        }
    }

    /** RFC 4180: commas, quoted cells with doubled quotes, CRLF or LF; within the limits. */
    static List<List<String>> csv(String text) {
        return csv(text, Limits.DEFAULT);
    }

    static List<List<String>> csv(String text, Limits limits) {
        Table table = new Table(limits);
        int row = 1;
        int column = 0;
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean pending = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    append(cell, '"', row, limits);
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    append(cell, c, row, limits);
                }
            } else if (c == '"') {
                quoted = true;
                pending = true;
            } else if (c == ',') {
                table.cell(row, column++, cell.toString());
                cell.setLength(0);
                pending = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                table.cell(row, column, cell.toString());
                cell.setLength(0);
                row++;
                column = 0;
                pending = false;
            } else {
                append(cell, c, row, limits);
                pending = true;
            }
        }
        if (pending || !cell.isEmpty()) {
            table.cell(row, column, cell.toString());
        }
        return table.rows();
    }

    private static void append(StringBuilder cell, char c, int row, Limits limits) {
        if (cell.length() >= limits.maxCellChars()) {
            throw tooLarge("第 " + row + " 行有单元格超过 " + limits.maxCellChars() + " 个字符 (a cell of row " + row
                    + " is longer than " + limits.maxCellChars() + " characters)");
        }
        cell.append(c);
    }

    // ---- .xlsx ----

    private static List<List<String>> excel(byte[] content, Limits limits) {
        Map<String, byte[]> parts = unzip(content, limits);
        try {
            String workbook = officeDocument(parts);
            String folder = workbook.contains("/") ? workbook.substring(0, workbook.lastIndexOf('/') + 1) : "";
            String sheetId = firstSheetId(part(parts, workbook));
            Map<String, String> targets = new HashMap<>();
            String sharedStrings = null;
            byte[] rels = parts.get(folder + "_rels/" + workbook.substring(folder.length()) + ".rels");
            if (rels == null) {
                throw unreadable("no workbook relationships");
            }
            XMLStreamReader xml = xml(rels);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "Relationship".equals(xml.getLocalName())) {
                    String target = resolve(folder, xml.getAttributeValue(null, "Target"));
                    targets.put(xml.getAttributeValue(null, "Id"), target);
                    String type = xml.getAttributeValue(null, "Type");
                    if (type != null && type.endsWith("/sharedStrings")) {
                        sharedStrings = target;
                    }
                }
            }
            String sheet = targets.get(sheetId);
            if (sheet == null) {
                throw unreadable("the first sheet is missing");
            }
            List<String> strings = sharedStrings == null || !parts.containsKey(sharedStrings) ? List.of()
                    : sharedStrings(parts.get(sharedStrings), limits);
            return sheet(part(parts, sheet), strings, limits);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw unreadable(e.getClass().getSimpleName());
        }
    }

    /** Every part of the zip, unzipped, counting the bytes as they come out: at most {@code maxUnzippedBytes} in all. */
    private static Map<String, byte[]> unzip(byte[] content, Limits limits) {
        Map<String, byte[]> parts = new HashMap<>();
        long total = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (parts.size() >= limits.maxEntries()) {
                    throw tooLarge("Excel 文件的部件超过 " + limits.maxEntries() + " 个 (more than " + limits.maxEntries() + " zip entries)");
                }
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    total += n;
                    if (total > limits.maxUnzippedBytes()) {
                        throw tooLarge("Excel 文件解压后超过 " + (limits.maxUnzippedBytes() >> 20) + " MB (it unzips to more than "
                                + (limits.maxUnzippedBytes() >> 20) + " MB)");
                    }
                    out.write(buffer, 0, n);
                }
                String name = entry.getName().startsWith("/") ? entry.getName().substring(1) : entry.getName();
                parts.put(name, out.toByteArray());
            }
        } catch (ZipException e) {
            throw unreadable("not a zip");
        } catch (IOException e) {
            throw unreadable("unreadable zip");
        }
        if (parts.isEmpty()) {
            throw unreadable("not a zip");
        }
        return parts;
    }

    private static byte[] part(Map<String, byte[]> parts, String name) {
        byte[] part = parts.get(name);
        if (part == null) {
            throw unreadable("missing part " + name);
        }
        return part;
    }

    private static String resolve(String folder, String target) {
        if (target == null) {
            return "";
        }
        return target.startsWith("/") ? target.substring(1) : folder + target;
    }

    /** The workbook's part, from the package relationships ({@code xl/workbook.xml} as Excel writes it). */
    private static String officeDocument(Map<String, byte[]> parts) throws XMLStreamException {
        byte[] rels = parts.get("_rels/.rels");
        if (rels != null) {
            XMLStreamReader xml = xml(rels);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "Relationship".equals(xml.getLocalName())) {
                    String type = xml.getAttributeValue(null, "Type");
                    if (type != null && type.endsWith("/officeDocument")) {
                        return resolve("", xml.getAttributeValue(null, "Target"));
                    }
                }
            }
        }
        return "xl/workbook.xml";
    }

    private static String firstSheetId(byte[] workbook) throws XMLStreamException {
        XMLStreamReader xml = xml(workbook);
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && "sheet".equals(xml.getLocalName())) {
                String id = xml.getAttributeValue(RELATIONSHIPS, "id");
                if (id != null) {
                    return id;
                }
            }
        }
        throw unreadable("the workbook has no sheet");
    }

    /** The shared strings: each {@code <si>}'s text runs, without phonetic runs ({@code <rPh>}). */
    private static List<String> sharedStrings(byte[] part, Limits limits) throws XMLStreamException {
        List<String> strings = new ArrayList<>();
        XMLStreamReader xml = xml(part);
        StringBuilder text = null;
        int phonetic = 0;
        long chars = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "si" -> text = new StringBuilder();
                    case "rPh" -> phonetic++;
                    case "t" -> {
                        if (text != null && phonetic == 0) {
                            chars += appendText(xml, text, limits);
                            if (chars > limits.maxChars()) {
                                throw tooLarge("共享字符串超过 " + limits.maxChars() + " 个字符 (shared strings longer than "
                                        + limits.maxChars() + " characters)");
                            }
                        }
                    }
                    default -> {
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if ("rPh".equals(xml.getLocalName())) {
                    phonetic--;
                } else if ("si".equals(xml.getLocalName()) && text != null) {
                    if (strings.size() >= limits.maxCells()) {
                        throw tooLarge("共享字符串超过 " + limits.maxCells() + " 个 (more than " + limits.maxCells() + " shared strings)");
                    }
                    strings.add(text.toString());
                    text = null;
                }
            }
        }
        return strings;
    }

    /** The text of the element the reader is at, up to its end, appended to {@code out}: at most a cell's characters. */
    private static int appendText(XMLStreamReader xml, StringBuilder out, Limits limits) throws XMLStreamException {
        int added = 0;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                int length = xml.getTextLength();
                if (out.length() + length > limits.maxCellChars()) {
                    throw tooLarge("有单元格超过 " + limits.maxCellChars() + " 个字符 (a cell is longer than "
                            + limits.maxCellChars() + " characters)");
                }
                out.append(xml.getTextCharacters(), xml.getTextStart(), length);
                added += length;
            }
        }
        return added;
    }

    /** The sheet's rows, cell by cell as the XML gives them. */
    private static List<List<String>> sheet(byte[] part, List<String> strings, Limits limits) throws XMLStreamException {
        Table table = new Table(limits);
        XMLStreamReader xml = xml(part);
        int row = 0;
        int column = -1;
        while (xml.hasNext()) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = xml.getLocalName();
            if ("row".equals(name)) {
                int declared = rowNumber(xml.getAttributeValue(null, "r"), limits);
                row = Math.max(row + 1, declared);
                column = -1;
            } else if ("c".equals(name) && row > 0) {
                String reference = xml.getAttributeValue(null, "r");
                column = reference == null ? column + 1 : column(reference, limits);
                String type = xml.getAttributeValue(null, "t");
                table.cell(row, column, cellText(xml, type, strings, limits));
            }
        }
        return table.rows();
    }

    /** A row's number as declared; one past any row a list may have when it is out of range. */
    private static int rowNumber(String declared, Limits limits) {
        if (declared == null) {
            return 0;
        }
        if (declared.length() > 7 || !declared.chars().allMatch(Character::isDigit)) {
            return limits.maxRows() + 1;
        }
        return Integer.parseInt(declared);
    }

    /**
     * The 0-based column of a cell reference ({@code B12}); a column past any a price list may
     * have (more than three letters, or beyond XFD) is answered as one past the last allowed.
     */
    private static int column(String reference, Limits limits) {
        int column = 0;
        int letters = 0;
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c == '$') {
                continue;
            }
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
                if (++letters > 3) {
                    return limits.maxColumns();
                }
                column = column * 26 + (Character.toUpperCase(c) - 'A' + 1);
            } else {
                break;
            }
        }
        if (letters == 0) {
            throw unreadable("a cell reference without a column");
        }
        return column - 1;
    }

    /** The text of the cell the reader is at: shared string, inline string, number (as Excel shows it), boolean or raw. */
    private static String cellText(XMLStreamReader xml, String type, List<String> strings, Limits limits) throws XMLStreamException {
        StringBuilder value = new StringBuilder();
        StringBuilder inline = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if ("v".equals(name)) {
                    appendText(xml, value, limits);
                } else if ("t".equals(name)) {
                    appendText(xml, inline, limits);
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        String raw = value.toString().trim();
        if (type == null || "n".equals(type)) {
            return number(raw);
        }
        return switch (type) {
            case "s" -> {
                if (raw.isEmpty()) {
                    yield "";
                }
                int index = raw.length() > 9 || !raw.chars().allMatch(Character::isDigit) ? -1 : Integer.parseInt(raw);
                if (index < 0 || index >= strings.size()) {
                    throw unreadable("a cell names a shared string that is not there");
                }
                yield strings.get(index);
            }
            case "inlineStr" -> inline.toString();
            case "b" -> "1".equals(raw) ? "TRUE" : "FALSE";
            default -> raw;
        };
    }

    /**
     * A number cell as Excel shows it: at most 15 significant digits ({@code 89.510000000000005} is
     * 89.51), plain, without trailing zeros. A value too long or too large to be a price or an area
     * is left as written, for the list's own check to refuse.
     */
    private static String number(String raw) {
        if (raw.isEmpty() || raw.length() > Decimals.MAX_TEXT) {
            return raw;
        }
        try {
            BigDecimal value = new BigDecimal(raw);
            if (Decimals.problem(value, 30, 20).isPresent()) {
                return raw;
            }
            return value.signum() == 0 ? "0" : value.round(EXCEL_DIGITS).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    private static XMLStreamReader xml(byte[] part) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // no DTD, no entities: an XML bomb or an external entity has nothing to expand
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException notSupported) {
            // the JDK's reader knows it; another may not, and DTDs are off anyway
        }
        InputStream in = new ByteArrayInputStream(part);
        return factory.createXMLStreamReader(in);
    }

    /** A 0-based column's letters: 0 is A, 25 is Z. */
    static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            name.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return name.toString();
    }
}
