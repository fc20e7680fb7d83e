package io.anchang.reception.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Days at one site's desk, played at once on the rules' model ({@link RulesModel}) and on the real domain of both
 * services ({@link Office}); after every step the two must look the same ({@link Snapshot}) and the two services'
 * records must agree — else the step fails with the steps so far, which read as a regression test.
 */
final class Day {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The reps on duty; E is staff but not on duty (not on site). */
    static final List<String> REPS = List.of("A", "B", "C", "D");
    static final List<String> STAFF = List.of("A", "B", "C", "D", "E");
    /** The phones of the people who come, a small pool so that they come back. */
    static final List<String> PHONES = List.of("P0", "P1", "P2", "P3", "P4", "P5");
    static final LocalDate FIRST = LocalDate.of(2026, 3, 2);

    final RulesModel model;
    final Office office;
    private final List<String> steps = new ArrayList<>();
    private int visits;
    private int deals;
    private int days = 1;
    private Instant now;

    Day(List<String> order) {
        now = FIRST.atTime(LocalTime.of(10, 0)).atZone(ZONE).toInstant();
        model = new RulesModel(ZONE, now);
        office = new Office(ZONE, now, STAFF);
        model.newDay(now, order);
        office.newDay(now, order);
        steps.add("Day day = Day.withRotation(" + quoted(order) + ");");
    }

    static Day withRotation(String... order) {
        return new Day(List.of(order));
    }

    int days() {
        return days;
    }

    // ------------------------------------------------------------------ steps

    /** The clock moves on within the day (never past 21:00). */
    Day minutesLater(long minutes) {
        Instant later = now.plus(Office.minutes(minutes));
        if (LocalTime.ofInstant(later, ZONE).isBefore(LocalTime.of(21, 0)) && LocalDate.ofInstant(later, ZONE).equals(model.today())) {
            now = later;
            model.clock(now);
            office.clock(now);
            steps.add("day.minutesLater(" + minutes + ");");
        }
        return this;
    }

    String walkIn(String phone, Said said) {
        present(phone);
        if (phone.equals(said.broughtBy()) || phone.equals(said.household())) {
            throw new IllegalStateException(phone + " cannot have brought themselves");
        }
        String visit = "v" + (++visits);
        step("day.walkIn(\"" + phone + "\", " + said + "); // " + visit);
        boolean m = model.walkIn(visit, phone, said);
        boolean o = office.walkIn(visit, phone, said);
        agree("walk-in " + visit + " accepted", m, o);
        check();
        return visit;
    }

    Day call(String phone, String taker) {
        present(phone);
        String visit = "v" + (++visits);
        step("day.call(\"" + phone + "\", \"" + taker + "\"); // " + visit);
        model.call(phone, taker);
        office.call(visit, phone, taker);
        return check();
    }

    Day seeOff(String visit) {
        step("day.seeOff(\"" + visit + "\");");
        model.seeOff(visit);
        office.seeOff(visit);
        return check();
    }

    Day out(String rep) {
        step("day.out(\"" + rep + "\");");
        model.status(rep, true);
        office.status(rep, true);
        return check();
    }

    Day back(String rep) {
        step("day.back(\"" + rep + "\");");
        model.status(rep, false);
        office.status(rep, false);
        return check();
    }

    Day eventMode(boolean on) {
        step("day.eventMode(" + on + ");");
        model.eventMode(on);
        office.eventMode(on);
        return check();
    }

    Day assign(String visit, String rep) {
        step("day.assign(\"" + visit + "\", \"" + rep + "\");");
        agree("assignment of " + visit + " to " + rep + " accepted", model.assign(visit, rep), office.assign(visit, rep));
        return check();
    }

    Day leave(String visit) {
        step("day.leave(\"" + visit + "\");");
        model.leave(visit);
        office.leave(visit);
        return check();
    }

    Day checkComplaint(String phone, String visit, boolean verified) {
        step("day.checkComplaint(\"" + phone + "\", \"" + visit + "\", " + verified + ");");
        agree("check of the complaint at " + visit + " accepted", model.checkComplaint(phone, visit, verified),
                office.checkComplaint(phone, visit, verified));
        return check();
    }

    Day earlierRepFound(String visit, String earlier, String followUpBy) {
        step("day.earlierRepFound(\"" + visit + "\", \"" + earlier + "\", \"" + followUpBy + "\");");
        agree("earlier rep at " + visit + " accepted", model.earlierRepFound(visit, earlier, followUpBy),
                office.earlierRepFound(visit, earlier, followUpBy));
        return check();
    }

    Day redistribute(String from, List<String> among, long seed) {
        step("day.redistribute(\"" + from + "\", List.of(" + quoted(among) + "), " + seed + "L);");
        Map<String, String> drawn = office.redistribute(from, among, seed);
        agree("the draw " + drawn + " deals every customer of " + from + " once, fairly", true, model.redistribute(from, among, drawn));
        return check();
    }

    Day deal(String phone, String rep) {
        present(phone);
        String key = "d" + (++deals);
        step("day.deal(\"" + phone + "\", \"" + rep + "\"); // " + key);
        model.deal(key, phone, rep);
        office.deal(key, phone, rep);
        return check();
    }

    /** The desk closes (waiting customers leave, the served are seen off) and the office opens {@code later} days on. */
    Day daysLater(int later, List<String> order) {
        for (String visit : model.waitingVisits()) {
            leave(visit);
        }
        for (String visit : model.servedVisits()) {
            seeOff(visit);
        }
        step("day.daysLater(" + later + ", List.of(" + quoted(order) + "));");
        now = model.today().plusDays(later).atTime(LocalTime.of(10, 0)).atZone(ZONE).toInstant();
        model.newDay(now, order);
        office.newDay(now, order);
        days++;
        return check();
    }

    /** A person at the desk now (served or waiting) does not walk in, call or sign a deal at the same time. */
    private void present(String phone) {
        if (model.atTheDesk().contains(phone)) {
            throw new IllegalStateException(phone + " is at the desk already");
        }
    }

    // ------------------------------------------------------------------ comparing

    private void step(String description) {
        steps.add(description);
    }

    private void agree(String what, boolean model, boolean domain) {
        if (model != domain) {
            throw new AssertionError(what + ": the rules say " + model + ", the domain " + domain + "\n" + script());
        }
    }

    Day check() {
        List<String> differences = new ArrayList<>(Snapshot.differences(model.snapshot(), office.snapshot()));
        differences.addAll(office.disagreements());
        if (!differences.isEmpty()) {
            throw new AssertionError(String.join("\n", differences) + "\n" + script());
        }
        return this;
    }

    String script() {
        return "steps so far:\n" + String.join("\n", steps) + "\n" + model;
    }

    private static String quoted(List<String> reps) {
        return String.join(", ", reps.stream().map(r -> "\"" + r + "\"").toList());
    }

    @Override
    public String toString() {
        return "day " + days + " at " + now + ", " + steps.size() + " steps";
    }
}
