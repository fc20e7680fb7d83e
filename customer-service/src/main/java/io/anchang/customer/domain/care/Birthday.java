package io.anchang.customer.domain.care;

import io.anchang.platform.problem.ProblemException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Year;

/**
 * A birthday as the family keeps it (R-CUS-8): on the solar calendar (公历) or the Chinese one (农历), with the year of
 * birth if known. A lunar birthday falls on another solar day every year; {@link #fallsOn} says whether it is today.
 * Decisions: someone born on 29 February is greeted on the 28th in other years; someone born in a leap month (闰月) is
 * greeted in the ordinary month of that number, which every year has; someone born on the 30th of a lunar month is
 * greeted on its last day in years when it has 29.
 *
 * @param year the year of birth, or null; for a lunar birthday, the solar year in which that Chinese year began
 */
public record Birthday(Calendar calendar, Integer year, int month, int day, boolean leapMonth) {

    /** The calendar the family keeps the birthday by. */
    public enum Calendar { SOLAR, LUNAR }

    /** Checks the date exists: 30 February, a 13th month or a lunar date missing from its year are refused. */
    public static Birthday of(Calendar calendar, Integer year, int month, int day, boolean leapMonth, LocalDate today) {
        if (calendar == null) {
            throw invalid("请注明公历或农历 (Say whether the birthday is SOLAR or LUNAR)");
        }
        if (year != null && (year < 1900 || year > today.getYear())) {
            throw invalid("出生年份应在 1900 年到今年之间，而不是 " + year + " (The year of birth must lie between 1900 and this year)");
        }
        if (calendar == Calendar.SOLAR) {
            if (leapMonth) {
                throw invalid("公历没有闰月 (The solar calendar has no leap months)");
            }
            try {
                if (year != null) {
                    LocalDate born = LocalDate.of(year, month, day);
                    if (born.isAfter(today)) {
                        throw invalid("生日 " + born + " 还没有到 (A birthday cannot lie in the future)");
                    }
                } else {
                    MonthDay.of(month, day);
                }
            } catch (DateTimeException e) {
                throw invalid("公历没有 " + month + " 月 " + day + " 日 (There is no " + month + "/" + day + " in the solar calendar"
                        + (year == null ? "" : " of " + year) + ")");
            }
            return new Birthday(calendar, year, month, day, false);
        }
        if (month < 1 || month > 12 || day < 1 || day > 30) {
            throw invalid("农历月份为 1 至 12，日为初一至三十，而不是 " + month + " 月 " + day + " 日 (A lunar month runs 1 to 12 and its days 1 to 30)");
        }
        if (year != null && LunarDate.solar(year, month, day, leapMonth).isEmpty()) {
            throw invalid("农历 " + year + " 年没有" + (leapMonth ? "闰" : "") + month + " 月" + chineseDay(day)
                    + " (The Chinese year beginning in " + year + " has no " + (leapMonth ? "leap " : "") + "month " + month
                    + " day " + day + ")");
        }
        return new Birthday(calendar, year, month, day, leapMonth);
    }

    /** Whether the birthday is celebrated on the solar day {@code date}. */
    public boolean fallsOn(LocalDate date) {
        if (calendar == Calendar.SOLAR) {
            if (month == 2 && day == 29 && !Year.isLeap(date.getYear())) {
                return date.getMonthValue() == 2 && date.getDayOfMonth() == 28;
            }
            return date.getMonthValue() == month && date.getDayOfMonth() == day;
        }
        LunarDate lunar = LunarDate.of(date);
        if (lunar.leap() || lunar.month() != month) {
            return false;
        }
        return lunar.day() == day || (day == 30 && lunar.length() == 29 && lunar.day() == 29);
    }

    /** As people write it: 公历 3月8日, 农历闰四月初三. */
    public String label() {
        if (calendar == Calendar.SOLAR) {
            return "公历" + month + "月" + day + "日";
        }
        return "农历" + (leapMonth ? "闰" : "") + month + "月" + chineseDay(day);
    }

    static String chineseDay(int day) {
        String[] digits = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
        if (day <= 10) {
            return "初" + digits[day];
        }
        if (day < 20) {
            return "十" + digits[day - 10];
        }
        if (day == 20) {
            return "二十";
        }
        if (day < 30) {
            return "廿" + digits[day - 20];
        }
        return "三十";
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.invalid("birthday-invalid", detail);
    }
}
