package io.anchang.reporting.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodTest {

    @Test
    @DisplayName("R-RPT-2 a week runs Monday to Sunday: Sunday 29 November 2026 belongs to the week of Monday the 23rd")
    void aWeekRunsMondayToSunday() {
        Period week = Period.week(LocalDate.of(2026, 11, 29));
        assertThat(week.start()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(week.start().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(week.end()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(Period.week(LocalDate.of(2026, 11, 30)).start()).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    @DisplayName("R-RPT-2 the period before a week, a month and a range is of the same kind and length")
    void thePreviousPeriod() {
        assertThat(Period.week(LocalDate.of(2026, 11, 25)).previous()).isEqualTo(Period.week(LocalDate.of(2026, 11, 16)));
        assertThat(Period.month(LocalDate.of(2026, 3, 31)).previous()).isEqualTo(Period.month(LocalDate.of(2026, 2, 1)));
        Period range = Period.range(LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 12));
        assertThat(range.previous()).isEqualTo(new Period(Period.Kind.RANGE, LocalDate.of(2026, 10, 24), LocalDate.of(2026, 11, 2)));
    }

    @Test
    @DisplayName("a year is read from its twelve month sheets, whatever it held")
    void aYearIsTwelveMonths() {
        List<Period> parts = Period.range(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)).cover();
        assertThat(parts).hasSize(12).allMatch(p -> p.kind() == Period.Kind.MONTH);
    }

    @Test
    @DisplayName("a range across a month boundary: days up to the whole month, the month, then whole weeks and days")
    void aRangeIsCoveredByMonthsWeeksAndDays() {
        List<Period> parts = Period.range(LocalDate.of(2026, 10, 27), LocalDate.of(2026, 12, 13)).cover();
        assertThat(parts).containsExactly(Period.day(LocalDate.of(2026, 10, 27)), Period.day(LocalDate.of(2026, 10, 28)),
                Period.day(LocalDate.of(2026, 10, 29)), Period.day(LocalDate.of(2026, 10, 30)), Period.day(LocalDate.of(2026, 10, 31)),
                Period.month(LocalDate.of(2026, 11, 1)), Period.day(LocalDate.of(2026, 12, 1)), Period.day(LocalDate.of(2026, 12, 2)),
                Period.day(LocalDate.of(2026, 12, 3)), Period.day(LocalDate.of(2026, 12, 4)), Period.day(LocalDate.of(2026, 12, 5)),
                Period.day(LocalDate.of(2026, 12, 6)), Period.week(LocalDate.of(2026, 12, 7)));
    }

    @Property(tries = 300)
    @net.jqwik.api.Label("any range is covered exactly — every day once, in order — by at most a few dozen sheets")
    void everyRangeIsCoveredExactly(@ForAll @IntRange(min = 0, max = 4000) int offset, @ForAll @IntRange(min = 1, max = 366) int days) {
        LocalDate start = LocalDate.of(2020, 1, 1).plusDays(offset);
        Period range = Period.range(start, start.plusDays(days - 1));
        List<Period> parts = range.cover();
        LocalDate next = start;
        for (Period part : parts) {
            assertThat(part.kind()).isNotEqualTo(Period.Kind.RANGE);
            assertThat(part.start()).isEqualTo(next);
            next = part.end().plusDays(1);
        }
        assertThat(next).isEqualTo(range.end().plusDays(1));
        assertThat(parts.size()).isLessThanOrEqualTo(40);
    }
}
