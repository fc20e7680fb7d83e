package io.anchang.platform.sheet;

import io.anchang.platform.money.Decimals;
import io.anchang.platform.problem.ProblemException;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * An uploaded table as text cells: CSV (UTF-8 with or without BOM, or GB18030 as Excel saves CSV on a Chinese Windows)
 * or an Excel workbook (.xlsx, the first sheet) — a price list, a customer list.
 *
 * <p>Read within {@link Limits} (issue 9): the bytes it unzips to and its zip entries (a zip bomb unpacks to gigabytes),
 * rows, columns, cells and characters. An .xlsx is read as a stream of XML events (StAX, no DTD, no external entities)
 * straight from the unzipped parts: a cell reference is parsed and checked before anything is allocated for it, so a row
 * that names a cell in the last column (XFD, or ZZZZZZ) costs nothing — an empty cell beyond the last column is skipped
 * and counted, one with content refuses the file. Readers of whole workbooks (Apache POI's) fill every cell up to the last
 * one a row names, and a streaming library (fastexcel) sizes its row by the column index it is given; hence this reader.
 * Numbers come as Excel shows them (15 significant digits), dates as Excel's day numbers. What a refusal says is the
 * caller's ({@link Refusals}): each kind of upload names itself to the clerk.
 */
public final class Sheets {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final MathContext EXCEL_DIGITS = new MathContext(15);

    /**
     * How much a table may be.
     *
     * @param maxUnzippedBytes all parts of an .xlsx, unzipped
     * @param maxEntries       the parts of an .xlsx
     * @param maxRows          the last row with content (the header is row 1)
     * @param maxColumns       the last column with content
     * @param maxCells         cells the file lists, empty or not
     * @param maxCellChars     characters of one cell
     * @param maxChars         characters of the whole table
     */
    public record Limits(long maxUnzippedBytes, int maxEntries, int maxRows, int maxColumns, long maxCells, int maxCellChars,
                         long maxChars) {
    }

    /** What the clerk is told when a file is refused; {@code what} and the numbers are the reader's. */
    public interface Refusals {

        /** A limit is exceeded: {@code what} says which (Chinese, then English). */
        ProblemException tooLarge(String what);

        /** Not a readable workbook; {@code why} is short and the reader's own. */
        ProblemException unreadable(String why);

        /** Row {@code row} has content past the last row the kind of upload may have. */
        default String rowsExceeded(int row, Limits limits) {
            return "最多 " + limits.maxRows() + " 行，第 " + row + " 行仍有内容 (at most " + limits.maxRows() + " rows; row " + row
                    + " has content)";
        }

        /** Row {@code row} has content in the 0-based {@code column}, past the last allowed. */
        default String columnsExceeded(int row, int column, Limits limits) {
            return "最多 " + limits.maxColumns() + " 列，第 " + row + " 行的第 " + (column + 1) + " 列仍有内容 (at most "
                    + limits.maxColumns() + " columns)";
        }
    }

    private Sheets() {
    }

    /** The rows of the file: an .xlsx when it is a zip or says it is one, CSV otherwise. The file itself is not empty. */
    public static List<List<String>> read(byte[] content, String contentType, Limits limits, Refusals refusals) {
        boolean zip = content.length > 3 && content[0] == 'P' && content[1] == 'K';
        if (zip || (contentType != null && contentType.startsWith(XLSX))) {
            return excel(content, limits, refusals);
        }
        return csv(text(content), limits, refusals);
    }

    /** A 0-based column's letters: 0 is A, 25 is Z. */
    public static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            name.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return name.toString();
    }

    // ---- the table and its limits ----

    /** The rows as read, within the limits; rows are numbered as the file shows them (the header is row 1). */
    private static final class Table {

        private final Limits limits;
        private final Refusals refusals;
        private final List<List<String>> rows = new ArrayList<>();
        private long cells;
        private long chars;

        Table(Limits limits, Refusals refusals) {
            this.limits = limits;
            this.refusals = refusals;
        }

        /** One cell of row {@code row} (1-based) in column {@code column} (0-based); rows come in order. */
        void cell(int row, int column, String text) {
            if (++cells > limits.maxCells()) {
                throw refusals.tooLarge("单元格超过 " + limits.maxCells() + " 个 (more than " + limits.maxCells() + " cells)");
            }
            if (text.isBlank()) {
                return;
            }
            if (row > limits.maxRows()) {
                throw refusals.tooLarge(refusals.rowsExceeded(row, limits));
            }
            if (column >= limits.maxColumns()) {
                throw refusals.tooLarge(refusals.columnsExceeded(row, column, limits));
            }
            if (text.length() > limits.maxCellChars()) {
                throw refusals.tooLarge("第 " + row + " 行有单元格超过 " + limits.maxCellChars() + " 个字符 (a cell of row " + row
                        + " is longer than " + limits.maxCellChars() + " characters)");
            }
            chars += text.length();
            if (chars > limits.maxChars()) {
                throw refusals.tooLarge("内容超过 " + limits.maxChars() + " 个字符 (more than " + limits.maxChars() + " characters)");
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

    /** RFC 4180: commas, quoted cells with doubled quotes, CRLF or LF; within the limits as it goes. */
    public static List<List<String>> csv(String text, Limits limits, Refusals refusals) {
        Table table = new Table(limits, refusals);
        int row = 1;
        int column = 0;
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean pending = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    append(cell, '"', row, limits, refusals);
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    append(cell, c, row, limits, refusals);
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
                append(cell, c, row, limits, refusals);
                pending = true;
            }
        }
        if (pending || !cell.isEmpty()) {
            table.cell(row, column, cell.toString());
        }
        return table.rows;
    }

    private static void append(StringBuilder cell, char c, int row, Limits limits, Refusals refusals) {
        if (cell.length() >= limits.maxCellChars()) {
            throw refusals.tooLarge("第 " + row + " 行有单元格超过 " + limits.maxCellChars() + " 个字符 (a cell of row " + row
                    + " is longer than " + limits.maxCellChars() + " characters)");
        }
        cell.append(c);
    }

    // ---- .xlsx ----

    private static List<List<String>> excel(byte[] content, Limits limits, Refusals refusals) {
        Map<String, byte[]> parts = unzip(content, limits, refusals);
        try {
            String workbook = officeDocument(parts);
            String folder = workbook.contains("/") ? workbook.substring(0, workbook.lastIndexOf('/') + 1) : "";
            String sheetId = firstSheetId(part(parts, workbook, refusals), refusals);
            byte[] rels = parts.get(folder + "_rels/" + workbook.substring(folder.length()) + ".rels");
            if (rels == null) {
                throw refusals.unreadable("no workbook relationships");
            }
            Map<String, String> targets = new HashMap<>();
            String sharedStrings = null;
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
                throw refusals.unreadable("the first sheet is missing");
            }
            List<String> strings = sharedStrings == null || !parts.containsKey(sharedStrings) ? List.of()
                    : sharedStrings(parts.get(sharedStrings), limits, refusals);
            return sheet(part(parts, sheet, refusals), strings, limits, refusals);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw refusals.unreadable(e.getClass().getSimpleName());
        }
    }

    /** Every part of the zip, unzipped, counting the bytes as they come out: at most {@code maxUnzippedBytes} in all. */
    private static Map<String, byte[]> unzip(byte[] content, Limits limits, Refusals refusals) {
        Map<String, byte[]> parts = new HashMap<>();
        long total = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (parts.size() >= limits.maxEntries()) {
                    throw refusals.tooLarge("Excel 文件的部件超过 " + limits.maxEntries() + " 个 (more than " + limits.maxEntries()
                            + " zip entries)");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    total += n;
                    if (total > limits.maxUnzippedBytes()) {
                        throw refusals.tooLarge("Excel 文件解压后超过 " + (limits.maxUnzippedBytes() >> 20) + " MB (it unzips to more than "
                                + (limits.maxUnzippedBytes() >> 20) + " MB)");
                    }
                    out.write(buffer, 0, n);
                }
                String name = entry.getName().startsWith("/") ? entry.getName().substring(1) : entry.getName();
                parts.put(name, out.toByteArray());
            }
        } catch (ZipException e) {
            throw refusals.unreadable("not a zip");
        } catch (IOException e) {
            throw refusals.unreadable("unreadable zip");
        }
        if (parts.isEmpty()) {
            throw refusals.unreadable("not a zip");
        }
        return parts;
    }

    private static byte[] part(Map<String, byte[]> parts, String name, Refusals refusals) {
        byte[] part = parts.get(name);
        if (part == null) {
            throw refusals.unreadable("missing part " + name);
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

    private static String firstSheetId(byte[] workbook, Refusals refusals) throws XMLStreamException {
        XMLStreamReader xml = xml(workbook);
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && "sheet".equals(xml.getLocalName())) {
                String id = xml.getAttributeValue(RELATIONSHIPS, "id");
                if (id != null) {
                    return id;
                }
            }
        }
        throw refusals.unreadable("the workbook has no sheet");
    }

    /** The shared strings: each {@code <si>}'s text runs, without phonetic runs ({@code <rPh>}). */
    private static List<String> sharedStrings(byte[] part, Limits limits, Refusals refusals) throws XMLStreamException {
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
                            chars += appendText(xml, text, limits, refusals);
                            if (chars > limits.maxChars()) {
                                throw refusals.tooLarge("共享字符串超过 " + limits.maxChars() + " 个字符 (shared strings longer than "
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
                        throw refusals.tooLarge("共享字符串超过 " + limits.maxCells() + " 个 (more than " + limits.maxCells()
                                + " shared strings)");
                    }
                    strings.add(text.toString());
                    text = null;
                }
            }
        }
        return strings;
    }

    /** The text of the element the reader is at, up to its end, appended to {@code out}: at most a cell's characters. */
    private static int appendText(XMLStreamReader xml, StringBuilder out, Limits limits, Refusals refusals)
            throws XMLStreamException {
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
                    throw refusals.tooLarge("有单元格超过 " + limits.maxCellChars() + " 个字符 (a cell is longer than "
                            + limits.maxCellChars() + " characters)");
                }
                out.append(xml.getTextCharacters(), xml.getTextStart(), length);
                added += length;
            }
        }
        return added;
    }

    /** The sheet's rows, cell by cell as the XML gives them. */
    private static List<List<String>> sheet(byte[] part, List<String> strings, Limits limits, Refusals refusals)
            throws XMLStreamException {
        Table table = new Table(limits, refusals);
        XMLStreamReader xml = xml(part);
        int row = 0;
        int column = -1;
        while (xml.hasNext()) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = xml.getLocalName();
            if ("row".equals(name)) {
                row = Math.max(row + 1, rowNumber(xml.getAttributeValue(null, "r"), limits));
                column = -1;
            } else if ("c".equals(name) && row > 0) {
                String reference = xml.getAttributeValue(null, "r");
                column = reference == null ? column + 1 : column(reference, limits, refusals);
                table.cell(row, column, cellText(xml, xml.getAttributeValue(null, "t"), strings, limits, refusals));
            }
        }
        return table.rows;
    }

    /** A row's number as declared; one past any row the table may have when it is out of range. */
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
     * The 0-based column of a cell reference ({@code B12}); a column past any the table may have (more than three
     * letters) is answered as one past the last allowed.
     */
    private static int column(String reference, Limits limits, Refusals refusals) {
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
            throw refusals.unreadable("a cell reference without a column");
        }
        return column - 1;
    }

    /** The text of the cell the reader is at: shared string, inline string, number (as Excel shows it), boolean or raw. */
    private static String cellText(XMLStreamReader xml, String type, List<String> strings, Limits limits, Refusals refusals)
            throws XMLStreamException {
        StringBuilder value = new StringBuilder();
        StringBuilder inline = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if ("v".equals(name)) {
                    appendText(xml, value, limits, refusals);
                } else if ("t".equals(name)) {
                    appendText(xml, inline, limits, refusals);
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
                    throw refusals.unreadable("a cell names a shared string that is not there");
                }
                yield strings.get(index);
            }
            case "inlineStr" -> inline.toString();
            case "b" -> "1".equals(raw) ? "TRUE" : "FALSE";
            default -> raw;
        };
    }

    /**
     * A number cell as Excel shows it: at most 15 significant digits ({@code 89.510000000000005} is 89.51), plain,
     * without trailing zeros. A value too long or too large to be a figure of ours is left as written, for the caller's
     * own check to refuse.
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
        return factory.createXMLStreamReader(new ByteArrayInputStream(part));
    }
}
