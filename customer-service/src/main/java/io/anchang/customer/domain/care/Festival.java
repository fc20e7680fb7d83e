package io.anchang.customer.domain.care;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The holidays on which customers and owners are greeted (R-CUS-8; 制度2 二4, 二9): New Year's Day, Labour Day and
 * National Day on the solar calendar, and the Chinese festivals whose solar dates move each year, read from the Chinese
 * calendar ({@link LunarDate}).
 */
public enum Festival {
    NEW_YEAR("元旦", false, 1, 1),
    SPRING_FESTIVAL("春节", true, 1, 1),
    LANTERN("元宵节", true, 1, 15),
    LABOUR_DAY("劳动节", false, 5, 1),
    DRAGON_BOAT("端午节", true, 5, 5),
    MID_AUTUMN("中秋节", true, 8, 15),
    NATIONAL_DAY("国庆节", false, 10, 1),
    DOUBLE_NINTH("重阳节", true, 9, 9);

    private final String chinese;
    private final boolean lunar;
    private final int month;
    private final int day;

    Festival(String chinese, boolean lunar, int month, int day) {
        this.chinese = chinese;
        this.lunar = lunar;
        this.month = month;
        this.day = day;
    }

    public String chinese() {
        return chinese;
    }

    /** Whether this festival falls on the solar day {@code date}. */
    public boolean fallsOn(LocalDate date) {
        if (!lunar) {
            return date.getMonthValue() == month && date.getDayOfMonth() == day;
        }
        LunarDate lunarDate = LunarDate.of(date);
        return !lunarDate.leap() && lunarDate.month() == month && lunarDate.day() == day;
    }

    /** The festivals of {@code date}, if any. */
    public static List<Festival> on(LocalDate date) {
        LunarDate lunarDate = LunarDate.of(date);
        return Arrays.stream(values()).filter(f -> f.lunar
                ? !lunarDate.leap() && lunarDate.month() == f.month && lunarDate.day() == f.day
                : date.getMonthValue() == f.month && date.getDayOfMonth() == f.day).toList();
    }

    /** The solar day of this festival in {@code year}: for a Chinese festival, in the Chinese year beginning that year. */
    public LocalDate in(int year) {
        return lunar ? LunarDate.solar(year, month, day, false).orElseThrow() : LocalDate.of(year, month, day);
    }
}
