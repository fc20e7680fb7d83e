package io.anchang.reception.domain;

import io.anchang.platform.problem.ProblemException;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * A plan (计划表, R-OPS-2; policy 九1-2): each rep — and the MANAGER — writes a daily plan in the morning and hands it to
 * the ASSISTANT, who hands it back before close for the day's summary; a weekly plan is written every Saturday for the
 * week that follows. One plan per author, kind and period.
 *
 * @param period  the day planned; for a weekly plan the Monday of the week planned
 * @param late    a daily plan handed in after noon, a weekly one after its Saturday
 */
public record Plan(String id, String siteId, String author, Kind kind, LocalDate period, List<String> items, String note,
                   State state, Instant handedInAt, boolean late, String returnedBy, Instant returnedAt, String summary,
                   Instant summarisedAt) {

    public static final int MAX_ITEMS = 30;
    /** A daily plan is handed in in the morning: later than this it is late. */
    public static final LocalTime MORNING_ENDS = LocalTime.NOON;

    public enum Kind { DAILY, WEEKLY }

    /** Handed in to the ASSISTANT, handed back for the summary, summarised. */
    public enum State { HANDED_IN, RETURNED, SUMMARISED }

    public Plan {
        items = List.copyOf(items);
    }

    public static String idOf(String site, String author, Kind kind, LocalDate period) {
        return site + ":" + author + ":" + kind + ":" + period;
    }

    /** The period a plan handed in on {@code today} is for: that day, or the week after (from the next Monday). */
    public static LocalDate periodFor(Kind kind, LocalDate today) {
        return kind == Kind.DAILY ? today : today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    /**
     * R-OPS-2: {@code author} hands in the plan of {@code kind} for the period {@code today} gives; handing it in again
     * before the ASSISTANT hands it back replaces its items.
     *
     * @param previous the plan of that period already handed in, or null
     */
    public static Plan handIn(Plan previous, String site, String author, Kind kind, List<String> items, String note,
                              Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate period = periodFor(kind, today);
        if (items == null || items.isEmpty() || items.stream().allMatch(i -> i == null || i.isBlank())) {
            throw ProblemException.invalid("plan-empty", "计划至少写一项 (A plan needs at least one item)");
        }
        if (items.size() > MAX_ITEMS) {
            throw ProblemException.invalid("plan-too-long", "计划最多 " + MAX_ITEMS + " 项 (At most " + MAX_ITEMS + " items)");
        }
        List<String> cleaned = items.stream().filter(i -> i != null && !i.isBlank()).map(String::strip).toList();
        if (previous != null) {
            if (previous.state() != State.HANDED_IN) {
                throw ProblemException.conflict("plan-returned", "助理已将这份计划发回，请填写总结，不能再改计划 (The ASSISTANT handed this plan "
                        + "back; write its summary instead)");
            }
            return new Plan(previous.id(), site, author, kind, period, cleaned, note, State.HANDED_IN, previous.handedInAt(),
                    previous.late(), null, null, null, null);
        }
        boolean late = kind == Kind.DAILY ? LocalTime.ofInstant(now, zone).isAfter(MORNING_ENDS)
                : today.getDayOfWeek() == DayOfWeek.SUNDAY;
        return new Plan(idOf(site, author, kind, period), site, author, kind, period, cleaned, note, State.HANDED_IN, now,
                late, null, null, null, null);
    }

    /** R-OPS-2: the ASSISTANT hands the plan back to its author for the summary; again changes nothing. */
    public Plan handedBack(String by, Instant at) {
        if (state != State.HANDED_IN) {
            return this;
        }
        return new Plan(id, siteId, author, kind, period, items, note, State.RETURNED, handedInAt, late, by, at, null, null);
    }

    /** R-OPS-2: the author writes the summary once the plan is back (and may correct it). */
    public Plan summarised(String by, String text, Instant at) {
        if (!by.equals(author)) {
            throw ProblemException.forbidden("plan-not-yours", "只有计划的填写人可以写总结 (Only the plan's author writes its summary)");
        }
        if (state == State.HANDED_IN) {
            throw ProblemException.conflict("plan-not-returned", "助理还没有把计划发回，发回后再写总结 (The ASSISTANT has not handed the "
                    + "plan back yet)");
        }
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("summary-empty", "请填写总结 (Write the summary)");
        }
        return new Plan(id, siteId, author, kind, period, items, note, State.SUMMARISED, handedInAt, late, returnedBy,
                returnedAt, text.strip(), at);
    }
}
