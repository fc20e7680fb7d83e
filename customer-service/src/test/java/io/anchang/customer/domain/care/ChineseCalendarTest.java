package io.anchang.customer.domain.care;

import io.anchang.platform.problem.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * R-CUS-8: festivals and lunar birthdays land on the solar day the Chinese calendar gives each year. The expected dates
 * are the published ones (the Hong Kong Observatory's and Purple Mountain Observatory's calendars); the code computes
 * them with ICU4J.
 */
class ChineseCalendarTest {

    @Test
    @DisplayName("R-CUS-8 Mid-Autumn falls on 6 October 2025, 25 September 2026 and 15 September 2027")
    void midAutumnMovesEachYear() {
        assertThat(Festival.MID_AUTUMN.in(2025)).isEqualTo(LocalDate.of(2025, 10, 6));
        assertThat(Festival.MID_AUTUMN.in(2026)).isEqualTo(LocalDate.of(2026, 9, 25));
        assertThat(Festival.MID_AUTUMN.in(2027)).isEqualTo(LocalDate.of(2027, 9, 15));
        assertThat(Festival.on(LocalDate.of(2026, 9, 25))).containsExactly(Festival.MID_AUTUMN);
        assertThat(Festival.on(LocalDate.of(2026, 9, 24))).isEmpty();
    }

    @Test
    @DisplayName("R-CUS-8 the Spring Festival, Lantern and Dragon Boat festivals of 2025–2027, and the solar holidays")
    void otherFestivals() {
        assertThat(List.of(Festival.SPRING_FESTIVAL.in(2025), Festival.SPRING_FESTIVAL.in(2026), Festival.SPRING_FESTIVAL.in(2027)))
                .containsExactly(LocalDate.of(2025, 1, 29), LocalDate.of(2026, 2, 17), LocalDate.of(2027, 2, 6));
        assertThat(Festival.LANTERN.in(2027)).isEqualTo(LocalDate.of(2027, 2, 20));
        assertThat(List.of(Festival.DRAGON_BOAT.in(2025), Festival.DRAGON_BOAT.in(2026), Festival.DRAGON_BOAT.in(2027)))
                .containsExactly(LocalDate.of(2025, 5, 31), LocalDate.of(2026, 6, 19), LocalDate.of(2027, 6, 9));
        assertThat(Festival.on(LocalDate.of(2026, 10, 1))).containsExactly(Festival.NATIONAL_DAY);
        assertThat(Festival.on(LocalDate.of(2027, 1, 1))).containsExactly(Festival.NEW_YEAR);
    }

    @Test
    @DisplayName("R-CUS-8 a new moon minutes before midnight in China starts the month that day, where ICU's approximation says the next (ICU-23274)")
    void nearMidnightNewMoonsStartTheMonthOnTheirOwnDay() {
        // the new moon of 6 February 2027 falls at 23:56 China time; ICU4J 76 puts the first day of the year on the 7th
        assertThat(LunarDate.of(LocalDate.of(2027, 2, 6))).isEqualTo(new LunarDate(1, 1, false, 30));
        assertThat(LunarDate.of(LocalDate.of(2027, 2, 5)).day()).isEqualTo(29);
        assertThat(LunarDate.of(LocalDate.of(2027, 3, 8))).isEqualTo(new LunarDate(2, 1, false, 30));
        // 00:02 China time on 8 November 2018: the month starts on the 8th
        assertThat(LunarDate.of(LocalDate.of(2018, 11, 8)).day()).isEqualTo(1);
        // and where ICU is right nothing moves
        assertThat(LunarDate.of(LocalDate.of(2025, 10, 6))).isEqualTo(new LunarDate(8, 15, false, 29));
    }

    @Test
    @DisplayName("R-CUS-8 a family member's lunar birthday (三月初三) falls on 31 March 2025, 19 April 2026 and 9 April 2027")
    void lunarBirthdayMovesEachYear() {
        Birthday birthday = Birthday.of(Birthday.Calendar.LUNAR, 1958, 3, 3, false, LocalDate.of(2025, 1, 1));
        assertThat(birthday.fallsOn(LocalDate.of(2025, 3, 31))).isTrue();
        assertThat(birthday.fallsOn(LocalDate.of(2026, 4, 19))).isTrue();
        assertThat(birthday.fallsOn(LocalDate.of(2027, 4, 9))).isTrue();
        assertThat(birthday.fallsOn(LocalDate.of(2026, 3, 3))).isFalse();
        assertThat(birthday.fallsOn(LocalDate.of(2026, 4, 18))).isFalse();
        assertThat(birthday.label()).isEqualTo("农历3月初三");
    }

    @Test
    @DisplayName("R-CUS-8 decisions: born in a leap month, greeted in the ordinary month; born on the 30th, greeted on the 29th of a short month; 29 February on the 28th")
    void birthdaysThatAYearLacks() {
        // 2025 has a leap sixth month (闰六月, from 25 July); someone born on 闰六月初一 is greeted on 六月初一 (25 June 2025)
        Birthday leap = Birthday.of(Birthday.Calendar.LUNAR, 2025, 6, 1, true, LocalDate.of(2025, 12, 1));
        assertThat(leap.fallsOn(LocalDate.of(2025, 6, 25))).isTrue();
        assertThat(leap.fallsOn(LocalDate.of(2025, 7, 25))).isFalse();
        // 八月 of 2025 has 29 days: a 30th is greeted on its 29th (20 October 2025)
        Birthday thirtieth = Birthday.of(Birthday.Calendar.LUNAR, null, 8, 30, false, LocalDate.of(2025, 1, 1));
        assertThat(thirtieth.fallsOn(LocalDate.of(2025, 10, 20))).isTrue();
        Birthday leapDay = Birthday.of(Birthday.Calendar.SOLAR, 1988, 2, 29, false, LocalDate.of(2025, 1, 1));
        assertThat(leapDay.fallsOn(LocalDate.of(2026, 2, 28))).isTrue();
        assertThat(leapDay.fallsOn(LocalDate.of(2028, 2, 28))).isFalse();
        assertThat(leapDay.fallsOn(LocalDate.of(2028, 2, 29))).isTrue();
    }

    @Test
    @DisplayName("R-CUS-8 bad birthdays: 30 February, a 13th month, a leap month the year does not have, the 30th of a 29-day month of that year")
    void impossibleBirthdaysAreRefused() {
        LocalDate today = LocalDate.of(2026, 6, 1);
        assertThatThrownBy(() -> Birthday.of(Birthday.Calendar.SOLAR, null, 2, 30, false, today))
                .isInstanceOf(ProblemException.class).hasMessageContaining("公历没有 2 月 30 日");
        assertThatThrownBy(() -> Birthday.of(Birthday.Calendar.SOLAR, 1990, 13, 1, false, today)).hasMessageContaining("13 月");
        assertThatThrownBy(() -> Birthday.of(Birthday.Calendar.SOLAR, 2023, 2, 29, false, today)).hasMessageContaining("2 月 29 日");
        assertThatThrownBy(() -> Birthday.of(Birthday.Calendar.LUNAR, 2026, 6, 1, true, today)).hasMessageContaining("没有闰6 月");
        assertThatThrownBy(() -> Birthday.of(Birthday.Calendar.LUNAR, 2025, 8, 30, false, today)).hasMessageContaining("没有8 月三十");
        assertThatThrownBy(() -> Birthday.of(Birthday.Calendar.LUNAR, null, 13, 1, false, today)).hasMessageContaining("1 至 12");
        assertThatThrownBy(() -> Birthday.of(Birthday.Calendar.SOLAR, 2030, 1, 1, false, today)).hasMessageContaining("出生年份");
        assertThat(Birthday.of(Birthday.Calendar.SOLAR, null, 2, 29, false, today).day()).isEqualTo(29);
    }
}
