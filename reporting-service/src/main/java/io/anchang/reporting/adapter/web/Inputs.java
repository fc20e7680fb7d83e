package io.anchang.reporting.adapter.web;

import io.anchang.platform.problem.ProblemException;
import io.anchang.reporting.application.forms.Registers;
import io.anchang.reporting.domain.Period;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/**
 * The reports' query parameters, checked before anything is read: dates of the years 2000 to
 * 2099, a period that does not end before it starts and spans at most 366 days, a known kind
 * of period, a page and page size within bounds. Each refusal is a problem detail saying what
 * to change.
 */
final class Inputs {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2099;
    static final int MAX_DAYS = 366;
    static final int MAX_PAGE = 100_000;

    private Inputs() {
    }

    /** A period asked for by {@code from}/{@code to}, or null (then {@code period} and {@code date} say it). */
    static Period range(String from, String to) {
        boolean hasFrom = from != null && !from.isBlank();
        boolean hasTo = to != null && !to.isBlank();
        if (!hasFrom && !hasTo) {
            return null;
        }
        // an end left empty (to=) is an end not given: a period half given, never a server error
        if (!hasFrom || !hasTo) {
            throw ProblemException.invalid("period-incomplete", "请同时填写开始日期和结束日期 (Give both from and to, e.g. from=2026-11-01&to=2026-11-30)");
        }
        LocalDate start = date(from, "from");
        LocalDate end = date(to, "to");
        if (end.isBefore(start)) {
            throw ProblemException.invalid("period-invalid", "结束日期 " + end + " 早于开始日期 " + start + "，请调换或重选 (The period ends before it starts)");
        }
        Period period = Period.range(start, end);
        if (period.days() > MAX_DAYS) {
            throw ProblemException.invalid("period-too-long", "查询期间最长 " + MAX_DAYS + " 天，请缩短 (A period spans at most " + MAX_DAYS + " days)");
        }
        return period;
    }

    static Period.Kind kind(String period, Period.Kind fallback) {
        if (period == null || period.isBlank()) {
            return fallback;
        }
        try {
            Period.Kind kind = Period.Kind.valueOf(period.trim().toUpperCase(Locale.ROOT));
            if (kind == Period.Kind.RANGE) {
                throw new IllegalArgumentException();
            }
            return kind;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("period-kind-invalid", "期间类型须为 DAY（日）、WEEK（周，周一至周日）或 MONTH（月） (period must be DAY, WEEK or MONTH)");
        }
    }

    /** A day such as 2026-11-27, of the years 2000 to 2099; null stays null (today, then). */
    static LocalDate date(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.trim());
        } catch (DateTimeException e) {
            throw ProblemException.invalid("date-invalid", "日期格式不对：" + shortly(text) + "，应为 2026-11-27 (" + name
                    + " must be a date like 2026-11-27)");
        }
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw ProblemException.invalid("date-out-of-range", "日期须在 " + FIRST_YEAR + " 年至 " + LAST_YEAR + " 年之间：" + date
                    + " (" + name + " must be in the years " + FIRST_YEAR + ".." + LAST_YEAR + ")");
        }
        return date;
    }

    static YearMonth month(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text.trim());
        } catch (DateTimeException e) {
            throw ProblemException.invalid("month-invalid", "月份格式不对：" + shortly(text) + "，应为 2026-11 (month must be like 2026-11)");
        }
        if (month.getYear() < FIRST_YEAR || month.getYear() > LAST_YEAR) {
            throw ProblemException.invalid("date-out-of-range", "月份须在 " + FIRST_YEAR + " 年至 " + LAST_YEAR + " 年之间 (month must be in the years "
                    + FIRST_YEAR + ".." + LAST_YEAR + ")");
        }
        return month;
    }

    static int page(Integer page) {
        int value = page == null ? 1 : page;
        if (value < 1 || value > MAX_PAGE) {
            throw ProblemException.invalid("page-invalid", "页码须在 1 到 " + MAX_PAGE + " 之间 (page must be 1.." + MAX_PAGE + ")");
        }
        return value;
    }

    static int size(Integer size) {
        int value = size == null ? 50 : size;
        if (value < 1 || value > Registers.MAX_PAGE_SIZE) {
            throw ProblemException.invalid("page-size-invalid", "每页行数须在 1 到 " + Registers.MAX_PAGE_SIZE + " 之间；要全部数据请下载 Excel 或 CSV (size must be 1.."
                    + Registers.MAX_PAGE_SIZE + "; download format=xlsx or csv for every row)");
        }
        return value;
    }

    /** The download format: json (default), xlsx or csv. */
    static Format format(String format) {
        if (format == null || format.isBlank()) {
            return Format.JSON;
        }
        try {
            return Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("format-invalid", "格式须为 json、xlsx 或 csv (format must be json, xlsx or csv)");
        }
    }

    /** How a report is answered. */
    enum Format { JSON, XLSX, CSV }

    private static String shortly(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 30 ? trimmed : trimmed.substring(0, 30) + "…";
    }
}
