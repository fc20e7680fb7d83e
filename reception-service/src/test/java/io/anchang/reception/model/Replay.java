package io.anchang.reception.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the steps a failing {@link DaysAtTheDeskTest} printed ({@code day.walkIn("P2", Said.complains("…")); // v3} …)
 * and shrinks them further than the property's own shrinking does: a step is dropped whenever the days still end in a
 * disagreement between the domain and the model. Visits keep the names they were printed with, whatever is dropped
 * before them. A tool for turning a counter-example into a regression test.
 */
final class Replay {

    private static final Pattern STEP = Pattern.compile("day\\.(\\w+)\\((.*)\\);(?:\\s*//\\s*(\\w+))?");
    private static final Pattern ARG = Pattern.compile("Said\\.\\w+\\((?:[^()]|\\([^()]*\\))*\\)|List\\.of\\([^)]*\\)|\"[^\"]*\"|[\\w.-]+");

    private Replay() {
    }

    /** Plays {@code steps} from the first line ({@code Day day = Day.withRotation(…);}); the disagreement, or null if none. */
    static AssertionError play(List<String> steps) {
        Map<String, String> visits = new HashMap<>();
        Day day = null;
        try {
            for (String line : steps) {
                String step = line.strip();
                if (step.startsWith("Day day = Day.withRotation(")) {
                    day = new Day(strings(step.substring(step.indexOf('(', step.indexOf("withRotation")) + 1, step.lastIndexOf(')'))));
                    continue;
                }
                Matcher m = STEP.matcher(step);
                if (!m.matches()) {
                    continue;
                }
                List<String> args = args(m.group(2));
                String named = m.group(3);
                switch (m.group(1)) {
                    case "minutesLater" -> day.minutesLater(Long.parseLong(args.get(0)));
                    case "walkIn" -> {
                        String visit = day.walkIn(unquote(args.get(0)), said(args.get(1)));
                        visits.put(named, visit);
                    }
                    case "call" -> day.call(unquote(args.get(0)), unquote(args.get(1)));
                    case "seeOff" -> day.seeOff(visit(visits, args.get(0)));
                    case "out" -> day.out(unquote(args.get(0)));
                    case "back" -> day.back(unquote(args.get(0)));
                    case "eventMode" -> day.eventMode(Boolean.parseBoolean(args.get(0)));
                    case "assign" -> day.assign(visit(visits, args.get(0)), unquote(args.get(1)));
                    case "leave" -> day.leave(visit(visits, args.get(0)));
                    case "checkComplaint" -> day.checkComplaint(unquote(args.get(0)), visit(visits, args.get(1)), Boolean.parseBoolean(args.get(2)));
                    case "earlierRepFound" -> day.earlierRepFound(visit(visits, args.get(0)), unquote(args.get(1)), unquote(args.get(2)));
                    case "redistribute" -> day.redistribute(unquote(args.get(0)), strings(args.get(1).substring(8, args.get(1).length() - 1)),
                            Long.parseLong(args.get(2).replace("L", "")));
                    case "deal" -> day.deal(unquote(args.get(0)), unquote(args.get(1)));
                    case "daysLater" -> day.daysLater(Integer.parseInt(args.get(0)), strings(args.get(1).substring(8, args.get(1).length() - 1)));
                    default -> throw new IllegalArgumentException(step);
                }
            }
            return null;
        } catch (AssertionError disagreement) {
            return disagreement;
        }
    }

    /** The shortest steps found that still end in a disagreement of the same kind as the first line of {@code steps}' one. */
    static List<String> shrink(List<String> steps) {
        AssertionError original = play(steps);
        if (original == null) {
            throw new IllegalArgumentException("these steps do not disagree");
        }
        String kind = kind(original);
        List<String> current = new ArrayList<>(steps);
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int size = Math.max(1, current.size() / 2); size >= 1; size /= 2) {
                for (int from = 1; from + size <= current.size(); from++) {
                    List<String> fewer = new ArrayList<>(current.subList(0, from));
                    fewer.addAll(current.subList(from + size, current.size()));
                    AssertionError still = fewerPlays(fewer);
                    if (still != null && kind(still).equals(kind)) {
                        current = fewer;
                        progress = true;
                        from--;
                    }
                }
            }
        }
        return current;
    }

    private static AssertionError fewerPlays(List<String> steps) {
        try {
            return play(steps);
        } catch (RuntimeException invalid) {
            return null;
        }
    }

    /** What disagreed: the first line of the message up to the colon ("visit v20", "customer P3", "turn order"). */
    private static String kind(AssertionError error) {
        String first = String.valueOf(error.getMessage()).lines().findFirst().orElse("");
        String what = first.contains(":") ? first.substring(0, first.indexOf(':')) : first;
        return what.replaceAll("v\\d+", "v").replaceAll("P\\d", "P");
    }

    private static String visit(Map<String, String> visits, String quoted) {
        String name = unquote(quoted);
        String visit = visits.get(name);
        if (visit == null) {
            throw new IllegalStateException("no visit " + name + " in these steps");
        }
        return visit;
    }

    private static List<String> args(String text) {
        List<String> args = new ArrayList<>();
        Matcher m = ARG.matcher(text);
        while (m.find()) {
            args.add(m.group());
        }
        return args;
    }

    private static List<String> strings(String text) {
        return args(text).stream().map(Replay::unquote).toList();
    }

    private static String unquote(String text) {
        return text.startsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    private static Said said(String java) {
        String name = java.substring(5, java.indexOf('('));
        List<String> args = strings(java.substring(java.indexOf('(') + 1, java.lastIndexOf(')')));
        return switch (name) {
            case "nothing" -> Said.nothing();
            case "onFirstVisit" -> Said.onFirstVisit();
            case "cameBefore" -> Said.cameBefore();
            case "forgotWhom" -> Said.forgotWhom();
            case "asksFor" -> Said.asksFor(args.get(0), Boolean.parseBoolean(args.get(1)));
            case "bargainsWith" -> Said.bargainsWith(args.get(0));
            case "names" -> Said.names(args.toArray(String[]::new));
            case "refusesOwner" -> Said.refusesOwner();
            case "complains" -> Said.complains(args.get(0));
            case "broughtBy" -> Said.broughtBy(args.get(0));
            case "household" -> Said.household(args.get(0));
            case "assigned" -> Said.assigned(args.get(0));
            default -> throw new IllegalArgumentException(java);
        };
    }
}
