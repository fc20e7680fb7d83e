package io.anchang.customer.domain.care;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A day of the Chinese calendar (农历): month, day, whether the month is a leap month (闰月) and how long it is. ICU4J's
 * {@link ChineseCalendar} computes it — the calendar that moves festivals and lunar birthdays each year; nothing here
 * tabulates dates. Where a new moon falls within minutes of midnight China time, ICU's approximation of the moon can
 * put the month's first day one day late (ICU-23274: the Spring Festival of 2027 falls on 6 February, ICU says the 7th);
 * such a boundary is checked against {@link NewMoon} and moved to the day the new moon falls on in China.
 *
 * @param month  1 to 12
 * @param day    1 to 30
 * @param leap   a leap month (闰月)
 * @param length the days of this month: 29 or 30
 */
public record LunarDate(int month, int day, boolean leap, int length) {

    private static final ZoneId CHINA = ZoneOffset.ofHours(8);
    /** ICU's month boundaries are checked only where the new moon is this close to midnight in China. */
    private static final Duration NEAR_MIDNIGHT = Duration.ofMinutes(45);

    /** The Chinese calendar's date of the solar day {@code day}. */
    public static LunarDate of(LocalDate day) {
        Icu here = Icu.of(day);
        LocalDate start = day.minusDays(here.day() - 1L);
        LocalDate next = start.plusDays(here.length());
        LocalDate trueStart = checked(start);
        LocalDate trueNext = checked(next);
        if (!day.isBefore(trueNext)) {
            Icu following = Icu.of(next);
            LocalDate afterNext = checked(next.plusDays(following.length()));
            return new LunarDate(following.month(), (int) (day.toEpochDay() - trueNext.toEpochDay()) + 1, following.leap(),
                    (int) (afterNext.toEpochDay() - trueNext.toEpochDay()));
        }
        if (day.isBefore(trueStart)) {
            LocalDate previousStart = checked(start.minusDays(Icu.of(start.minusDays(1)).length()));
            Icu previous = Icu.of(start.minusDays(1));
            return new LunarDate(previous.month(), (int) (day.toEpochDay() - previousStart.toEpochDay()) + 1, previous.leap(),
                    (int) (trueStart.toEpochDay() - previousStart.toEpochDay()));
        }
        return new LunarDate(here.month(), (int) (day.toEpochDay() - trueStart.toEpochDay()) + 1, here.leap(),
                (int) (trueNext.toEpochDay() - trueStart.toEpochDay()));
    }

    /**
     * The solar day of month {@code month} (a leap month if {@code leap}), day {@code day} of the Chinese year that begins
     * in the solar year {@code year} — empty if that year has no such day (no such leap month, or a month of 29 days).
     */
    public static Optional<LocalDate> solar(int year, int month, int day, boolean leap) {
        if (month < 1 || month > 12 || day < 1 || day > 30) {
            return Optional.empty();
        }
        LocalDate newYear = newYear(year);
        LocalDate end = newYear(year + 1);
        LocalDate cursor = newYear;
        while (cursor.isBefore(end)) {
            LunarDate first = of(cursor);
            if (first.month() == month && first.leap() == leap) {
                return day <= first.length() ? Optional.of(cursor.plusDays(day - 1L)) : Optional.empty();
            }
            cursor = cursor.plusDays(first.length() - first.day() + 1L);
        }
        return Optional.empty();
    }

    /** The Spring Festival (正月初一) of the Chinese year that begins in the solar year {@code year}. */
    public static LocalDate newYear(int year) {
        LocalDate cursor = LocalDate.of(year, 1, 20);
        LunarDate date = of(cursor);
        while (!(date.month() == 1 && !date.leap())) {
            cursor = cursor.plusDays(date.length() - date.day() + 1L);
            date = of(cursor);
        }
        return cursor.minusDays(date.day() - 1L);
    }

    /** The first day of the month ICU starts on {@code icuStart}, moved where the new moon is near midnight and on the other side. */
    private static LocalDate checked(LocalDate icuStart) {
        Instant newMoon = NewMoon.nearest(icuStart.atTime(12, 0).atZone(CHINA).toInstant());
        LocalDate trueDay = LocalDate.ofInstant(newMoon, CHINA);
        if (trueDay.equals(icuStart) || Math.abs(trueDay.toEpochDay() - icuStart.toEpochDay()) != 1) {
            return icuStart;
        }
        Instant midnight = (trueDay.isBefore(icuStart) ? icuStart : trueDay).atStartOfDay(CHINA).toInstant();
        return Duration.between(newMoon, midnight).abs().compareTo(NEAR_MIDNIGHT) <= 0 ? trueDay : icuStart;
    }

    /** ICU4J's reading of a solar day. */
    private record Icu(int month, int day, boolean leap, int length) {

        static Icu of(LocalDate day) {
            ChineseCalendar calendar = new ChineseCalendar(TimeZone.getTimeZone("UTC"));
            calendar.setTimeInMillis(day.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli());
            return new Icu(calendar.get(Calendar.MONTH) + 1, calendar.get(Calendar.DAY_OF_MONTH),
                    calendar.get(ChineseCalendar.IS_LEAP_MONTH) == 1, calendar.getActualMaximum(Calendar.DAY_OF_MONTH));
        }
    }
}
