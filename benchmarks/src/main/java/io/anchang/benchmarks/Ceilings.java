package io.anchang.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ceiling (issue 17): what the office's cheapest requests reach on this machine, sent as a benchmark's burst is
 * sent (the same client, connections and number in flight) and divided by the raw rate of the same run. A hold
 * attempt or a walk-in cannot run faster than a request that passes the same HTTP, token and site checks and reads
 * one document and does nothing else, so these bound the ratio to the raw rate a benchmark can reach with this stack
 * on this machine. Each is sent a tenth untimed first, so that a path the burst did not take (the page, a direct
 * port) is compiled before the clock starts.
 */
final class Ceilings {

    /** A request to measure: what it is, where it goes, whose token it carries (null: none), the answer it must get. */
    record Target(String what, String url, String bearer, int expected) {
    }

    /** One target's rate, and how many answers were not the expected one. */
    record Ceiling(String what, double rate, int off) {
    }

    /** Each ceiling's ratio to the raw rate, per run, for the median of {@code --repeat N}. */
    private static final Map<String, List<Double>> RATIOS = new LinkedHashMap<>();

    private Ceilings() {
    }

    static List<Ceiling> measure(RaceClient race, int requests, int inFlight, Duration deadline, List<Target> targets)
            throws InterruptedException {
        if (requests <= 0) {
            return List.of();
        }
        Deadlines.step("the ceiling: the cheapest requests, " + requests + " each, " + inFlight + " at a time");
        List<Ceiling> ceilings = new ArrayList<>();
        for (Target target : targets) {
            send(race, target, Math.max(1, requests / 10), inFlight, deadline, new AtomicInteger());
            AtomicInteger off = new AtomicInteger();
            long started = System.nanoTime();
            send(race, target, requests, inFlight, deadline, off);
            ceilings.add(new Ceiling(target.what(), requests / ((System.nanoTime() - started) / 1e9), off.get()));
        }
        return ceilings;
    }

    private static void send(RaceClient race, Target target, int requests, int inFlight, Duration deadline, AtomicInteger off)
            throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            slots.acquire();
            all.add(race.get(target.url(), target.bearer(), deadline).thenAccept(answer -> {
                if (answer.status() != target.expected()) {
                    off.incrementAndGet();
                }
                slots.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** Rows of the run's table: each ceiling's rate and its ratio to the raw rate. */
    static void print(List<Ceiling> ceilings, double rawRate) {
        for (Ceiling ceiling : ceilings) {
            System.out.printf("| ceiling — %s | %.0f/s, ÷ raw %.3f%s | |%n", ceiling.what(), ceiling.rate(), ceiling.rate() / rawRate,
                    ceiling.off() == 0 ? "" : " (" + ceiling.off() + " answered otherwise)");
            RATIOS.computeIfAbsent(ceiling.what(), what -> new ArrayList<>()).add(ceiling.rate() / rawRate);
        }
    }

    /** After {@code --repeat N}: the median ratio of each ceiling. */
    static void printMedians() {
        if (RATIOS.isEmpty() || RATIOS.values().stream().anyMatch(ratios -> ratios.size() < 2)) {
            return;
        }
        RATIOS.forEach((what, ratios) -> {
            double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            System.out.printf("median ceiling ÷ raw, %s: %.3f%n", what, n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
        });
    }
}
