package io.anchang.reporting.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stretch of the site's calendar: a day, a week (Monday to Sunday), a month, or any range
 * of whole days. Sheets are kept per day, week and month; any range is read as the fewest
 * whole months, weeks and days that cover it exactly ({@link #cover()}).
 */
public record Period(Kind kind, LocalDate start, LocalDate end) {

    /** The kinds of period a sheet is kept for, and RANGE for any other stretch of days. */
    public enum Kind { DAY, WEEK, MONTH, RANGE }

    public Period {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a period ends on or after its start: " + start + " .. " + end);
        }
    }

    public static Period day(LocalDate day) {
        return new Period(Kind.DAY, day, day);
    }

    /** The week (Monday to Sunday) that holds {@code day}. */
    public static Period week(LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new Period(Kind.WEEK, monday, monday.plusDays(6));
    }

    public static Period month(LocalDate day) {
        YearMonth month = YearMonth.from(day);
        return new Period(Kind.MONTH, month.atDay(1), month.atEndOfMonth());
    }

    public static Period of(Kind kind, LocalDate day) {
        return switch (kind) {
            case DAY -> day(day);
            case WEEK -> week(day);
            case MONTH -> month(day);
            case RANGE -> throw new IllegalArgumentException("a range needs its start and end");
        };
    }

    /** From {@code start} to {@code end}, both included; a whole day, week or month is named as such. */
    public static Period range(LocalDate start, LocalDate end) {
        for (Kind kind : List.of(Kind.DAY, Kind.WEEK, Kind.MONTH)) {
            Period candidate = of(kind, start);
            if (candidate.start.equals(start) && candidate.end.equals(end)) {
                return candidate;
            }
        }
        return new Period(Kind.RANGE, start, end);
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    /** The period just before, of the same kind and length (the previous week, month, or equal range). */
    public Period previous() {
        return switch (kind) {
            case DAY -> day(start.minusDays(1));
            case WEEK -> week(start.minusDays(7));
            case MONTH -> month(start.minusDays(1));
            case RANGE -> new Period(Kind.RANGE, start.minusDays(days()), start.minusDays(1));
        };
    }

    /** The key of the sheet kept for this period: {@code 2026-11-27}, {@code 2026-W11-23} (its Monday), {@code 2026-11}. */
    public String key() {
        return switch (kind) {
            case DAY -> start.toString();
            case WEEK -> "W" + start;
            case MONTH -> YearMonth.from(start).toString();
            case RANGE -> start + ".." + end;
        };
    }

    /** The Chinese label a form shows: 2026-11-27, 2026-11-23 至 2026-11-29, 2026年11月. */
    public String label() {
        return switch (kind) {
            case DAY -> start.toString();
            case MONTH -> start.getYear() + "年" + start.getMonthValue() + "月";
            case WEEK, RANGE -> start + " 至 " + end;
        };
    }

    /**
     * The fewest day, week and month periods that together are exactly this period: whole
     * months first, then whole weeks inside the rest, then single days. A year is read from
     * about a dozen sheets, whatever number of events it held.
     */
    public List<Period> cover() {
        List<Period> parts = new ArrayList<>();
        LocalDate day = start;
        while (!day.isAfter(end)) {
            Period month = month(day);
            Period week = week(day);
            if (month.start.equals(day) && !month.end.isAfter(end)) {
                parts.add(month);
                day = month.end.plusDays(1);
            } else if (week.start.equals(day) && !week.end.isAfter(end) && !crossesIntoWholeMonth(week, end)) {
                parts.add(week);
                day = week.end.plusDays(1);
            } else {
                parts.add(day(day));
                day = day.plusDays(1);
            }
        }
        return parts;
    }

    /** A week that runs into a month this period covers whole is better read as days up to that month. */
    private static boolean crossesIntoWholeMonth(Period week, LocalDate end) {
        Period next = month(week.end);
        return next.start.isAfter(week.start) && !next.end.isAfter(end);
    }

    /** The days of this period, in order. */
    public List<LocalDate> dates() {
        return start.datesUntil(end.plusDays(1)).toList();
    }
}
