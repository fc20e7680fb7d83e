package io.anchang.customer.domain.imports;

import io.anchang.platform.phone.Phone;
import io.anchang.platform.problem.ProblemException;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An office's customer list (客户档案) as a table — from a CSV or an Excel sheet — read into the rows of an import
 * (R-CUS-2, R-CUS-3). The first row names the columns, in Chinese or English: 档案编号/archiveNo (optional: the office's
 * own number, kept; empty: the archive gives the next), 姓名/name, 电话/phone (required, any usual spelling), 电话2/phone2,
 * 来源/source (来电, 来访, 客资, 介绍, 活动 — CALL, VISIT, LEAD_LIST, REFERRAL, EVENT; 来访 if empty), 置业顾问/owner (a rep of
 * the site by user id or name; empty: nobody's), 登记日期/registeredAt (the original registration: attribution counts
 * from it — a date, a date and time, or an Excel date).
 *
 * <p>Every row is checked and every row's problem reported with its row number as the file shows it (the header is row
 * 1); a list with any problem imports nothing. A row whose phone is already in the archive as the very customer the row
 * describes (same archive number if given, same registration day) is {@code unchanged}: importing the same file again
 * changes nothing. Any other phone or archive number the archive knows is a problem of that row.
 */
public final class ImportRows {

    /** Numbers the archive gives itself (SH01-000123): an imported number may not look like one. */
    private static final Pattern OWN_NUMBER = Pattern.compile("[A-Z][A-Z0-9]{1,15}-\\d{6}");
    private static final Pattern ARCHIVE_NO = Pattern.compile("[\\p{IsHan}A-Za-z0-9][\\p{IsHan}A-Za-z0-9_.\\-/]{0,29}");
    private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");
    private static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
    private static final Map<String, String> COLUMNS = new HashMap<>();
    private static final Map<String, String> SOURCES = new HashMap<>();

    static {
        alias("archiveNo", "档案编号", "编号", "客户编号", "archiveno", "archive");
        alias("name", "姓名", "客户姓名", "name");
        alias("phone", "电话", "手机", "联系电话", "phone", "mobile");
        alias("phone2", "电话2", "手机2", "其他电话", "phone2");
        alias("source", "来源", "客户来源", "source");
        alias("owner", "置业顾问", "销售员", "owner", "rep");
        alias("registeredAt", "登记日期", "登记时间", "首次登记", "registeredat", "registered");
        source("CALL", "来电", "call");
        source("VISIT", "来访", "来人", "visit");
        source("LEAD_LIST", "客资", "lead_list", "leadlist", "lead");
        source("REFERRAL", "介绍", "老带新", "referral");
        source("EVENT", "活动", "event");
    }

    private static void alias(String column, String... names) {
        for (String name : names) {
            COLUMNS.put(name.toLowerCase(Locale.ROOT), column);
        }
    }

    private static void source(String source, String... names) {
        SOURCES.put(source.toLowerCase(Locale.ROOT), source);
        for (String name : names) {
            SOURCES.put(name.toLowerCase(Locale.ROOT), source);
        }
    }

    private ImportRows() {
    }

    /** One row's problem: its number in the file and what is wrong, in Chinese first. */
    public record RowError(int row, String message) {
    }

    /**
     * What the archive holds already, as the check needs it.
     *
     * @param byPhone the customer each phone (E.164) identifies
     * @param numbers the archive numbers in use, with the customer holding each
     * @param rep     the rep of the site a user id or a name means, if any (an active SALES, SUPERVISOR or MANAGER)
     */
    public record Archive(String site, ZoneId zone, LocalDate today, Map<String, Known> byPhone, Map<String, String> numbers,
                          Function<String, Optional<String>> rep) {
    }

    /** A customer of the archive: id, archive number, first registration. */
    public record Known(String customerId, String archiveNo, Instant registeredAt) {
    }

    /**
     * @param rows      the rows to write, none if any row is wrong
     * @param unchanged the rows that are customers of the archive already, as the row describes them
     * @param errors    every row's problem
     */
    public record Result(List<ImportJob.Row> rows, int unchanged, List<RowError> errors) {
    }

    public static Result read(List<List<String>> table, Archive archive, Function<Integer, String> newId) {
        List<RowError> errors = new ArrayList<>();
        List<ImportJob.Row> rows = new ArrayList<>();
        if (table.isEmpty()) {
            errors.add(new RowError(1, "文件是空的 (The file is empty)"));
            return new Result(List.of(), 0, errors);
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> header = table.get(0);
        for (int i = 0; i < header.size(); i++) {
            String column = COLUMNS.get(clean(header.get(i)).toLowerCase(Locale.ROOT));
            if (column != null) {
                index.putIfAbsent(column, i);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("phone", "registeredAt")) {
            if (!index.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            errors.add(new RowError(1, "第 1 行（表头）缺少列：" + String.join("、", missing) + " (The header lacks " + missing
                    + "; expected 档案编号,姓名,电话,电话2,来源,置业顾问,登记日期)"));
            return new Result(List.of(), 0, errors);
        }
        Map<String, Integer> phonesInFile = new HashMap<>();
        Map<String, Integer> numbersInFile = new HashMap<>();
        int unchanged = 0;
        for (int r = 1; r < table.size(); r++) {
            List<String> row = table.get(r);
            if (row.stream().allMatch(cell -> clean(cell).isEmpty())) {
                continue;
            }
            int rowNumber = r + 1;
            List<String> problems = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            for (String column : List.of("phone", "phone2")) {
                String raw = cell(row, index, column);
                if (raw.isEmpty()) {
                    if (column.equals("phone")) {
                        problems.add("电话必填 (phone is required)");
                    }
                    continue;
                }
                try {
                    String e164 = Phone.parse(raw).e164();
                    Integer first = phonesInFile.putIfAbsent(e164, rowNumber);
                    if (first != null && first != rowNumber) {
                        problems.add("电话 " + new Phone(e164).masked() + " 与第 " + first + " 行重复 (the same phone as row " + first + ")");
                    } else if (!phones.contains(e164)) {
                        phones.add(e164);
                    }
                } catch (ProblemException e) {
                    problems.add("电话无效：'" + short_(raw) + "' (not a possible phone number)");
                }
            }
            String archiveNo = cell(row, index, "archiveNo");
            if (!archiveNo.isEmpty()) {
                if (!ARCHIVE_NO.matcher(archiveNo).matches()) {
                    problems.add("档案编号应为 1-30 位汉字、字母、数字或 - _ . /，而不是 '" + short_(archiveNo) + "' (archiveNo)");
                } else {
                    Integer first = numbersInFile.putIfAbsent(archiveNo, rowNumber);
                    if (first != null) {
                        problems.add("档案编号 " + archiveNo + " 与第 " + first + " 行重复 (archive number listed twice)");
                    }
                }
            }
            String name = cell(row, index, "name");
            if (name.length() > 50) {
                problems.add("姓名最多 50 字 (name is at most 50 characters)");
            }
            String sourceText = cell(row, index, "source");
            String source = sourceText.isEmpty() ? "VISIT" : SOURCES.get(sourceText.toLowerCase(Locale.ROOT));
            if (source == null) {
                problems.add("来源应为 来电、来访、客资、介绍 或 活动，而不是 '" + short_(sourceText) + "' (source)");
            }
            String ownerText = cell(row, index, "owner");
            String owner = null;
            if (!ownerText.isEmpty()) {
                owner = archive.rep().apply(ownerText).orElse(null);
                if (owner == null) {
                    problems.add("置业顾问 '" + short_(ownerText) + "' 不是本案场在职的销售人员 (owner is not a rep of site " + archive.site() + ")");
                }
            }
            Instant registeredAt = null;
            String dateText = cell(row, index, "registeredAt");
            if (dateText.isEmpty()) {
                problems.add("登记日期必填：归属按首次登记计算 (registeredAt is required: attribution counts from it)");
            } else {
                LocalDateTime when = dateTime(dateText);
                if (when == null) {
                    problems.add("登记日期应写成 2024-03-15 或 2024-03-15 14:30，而不是 '" + short_(dateText) + "' (registeredAt)");
                } else if (when.toLocalDate().isAfter(archive.today()) || when.toLocalDate().isBefore(EARLIEST)) {
                    problems.add("登记日期 " + when.toLocalDate() + " 应在 " + EARLIEST + " 到今天之间 (registeredAt lies ahead or too far back)");
                } else {
                    registeredAt = when.atZone(archive.zone()).toInstant();
                }
            }
            // the archive as it is: the same customer again is unchanged; anyone else's phone or number is a problem
            Known known = null;
            for (String phone : phones) {
                Known holder = archive.byPhone().get(phone);
                if (holder == null) {
                    continue;
                }
                if (known != null && !known.customerId().equals(holder.customerId())) {
                    problems.add("两个电话分属档案中的两位客户 " + known.archiveNo() + " 和 " + holder.archiveNo() + " (the phones belong to two customers)");
                }
                known = holder;
            }
            if (known != null && problems.isEmpty()) {
                boolean sameNumber = archiveNo.isEmpty() || archiveNo.equals(known.archiveNo());
                boolean sameDay = registeredAt != null && LocalDate.ofInstant(registeredAt, archive.zone())
                        .equals(LocalDate.ofInstant(known.registeredAt(), archive.zone()));
                if (sameNumber && sameDay) {
                    unchanged++;
                    continue;
                }
                problems.add("电话已属于档案中的客户 " + known.archiveNo() + "（登记于 " + LocalDate.ofInstant(known.registeredAt(), archive.zone())
                        + "），与本行不同，请核对 (the phone belongs to a customer of the archive with another number or registration)");
            }
            if (!archiveNo.isEmpty() && known == null) {
                if (archive.numbers().containsKey(archiveNo)) {
                    problems.add("档案编号 " + archiveNo + " 已被档案中的其他客户使用 (archive number in use)");
                } else if (OWN_NUMBER.matcher(archiveNo).matches() && archiveNo.startsWith(archive.site() + "-")) {
                    problems.add("档案编号 " + archiveNo + " 与系统自动编号的格式相同，请保留原编号格式或留空 (this form is the archive's own numbering)");
                }
            }
            if (!problems.isEmpty()) {
                errors.add(new RowError(rowNumber, "第 " + rowNumber + " 行：" + String.join("；", problems)));
                continue;
            }
            rows.add(new ImportJob.Row(rowNumber, newId.apply(rowNumber), archiveNo.isEmpty() ? null : archiveNo, name.isEmpty() ? null : name,
                    phones, source, registeredAt, owner));
        }
        if (rows.isEmpty() && unchanged == 0 && errors.isEmpty()) {
            errors.add(new RowError(2, "文件中没有客户 (The file lists no customers)"));
        }
        return errors.isEmpty() ? new Result(rows, unchanged, errors) : new Result(List.of(), 0, errors);
    }

    /** A date as offices write it, or an Excel date (days since 1899-12-30, a fraction for the time). */
    static LocalDateTime dateTime(String text) {
        Matcher m = DATE.matcher(text);
        try {
            if (m.matches()) {
                LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                LocalTime time = m.group(4) == null ? LocalTime.of(9, 0) : LocalTime.of(Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                return day.atTime(time);
            }
            if (text.length() <= 20 && text.matches("\\d{5}(\\.\\d+)?")) {
                BigDecimal serial = new BigDecimal(text);
                int days = serial.intValue();
                if (days < 20_000 || days > 80_000) {
                    return null;
                }
                long seconds = serial.subtract(BigDecimal.valueOf(days)).multiply(BigDecimal.valueOf(86_400)).longValue();
                LocalDateTime day = LocalDate.of(1899, 12, 30).plusDays(days).atStartOfDay();
                return seconds == 0 ? day.withHour(9) : day.plusSeconds(seconds);
            }
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static String cell(List<String> row, Map<String, Integer> index, String column) {
        Integer i = index.get(column);
        return i == null || i >= row.size() ? "" : clean(row.get(i));
    }

    private static String clean(String value) {
        return value == null ? "" : value.replace("\uFEFF", "").strip();
    }

    /** What of a cell goes back in a message: at most 20 characters. */
    private static String short_(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
