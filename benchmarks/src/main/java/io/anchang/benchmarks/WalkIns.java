package io.anchang.benchmarks;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * 200 concurrent walk-ins at one site through the gateway (flow 1: reception-service holds the
 * rotation's rep, asks customer-service, hands out the turn), with one rep OUT and one BUSY.
 * Checks that every turn is handed out exactly once — no rep serves two of these customers,
 * every customer is served or queued, never both — prints p50/p99 latency and throughput,
 * then sees every customer off so the desk is as it was (the customers stay in the archive).
 *
 * <pre>./bench walk-ins [gatewayUrl] [keycloakUrl] [site] [walkIns] [--mongo URI] [--repeat N] [--client netty|jdk] [--client-warm-up 2000]
 *     [--ceiling 2000] [--reception http://127.0.0.1:8081]</pre>
 * Defaults: http://localhost:8080 http://localhost:8180 SH01 200, mongodb://127.0.0.1:27117, 1 run.
 * Beside the burst, in the same run, the raw rate of the store's conditional update (as opening
 * day measures it) and the store operations the burst cost; a walk-in registered in degraded mode
 * (attribution pending) while customer-service is healthy fails the run. {@code --repeat N} runs
 * it N times and prints the median of each figure. Tokens by the password grant
 * of the realm's {@code anchang-cli} client for the demo users (password demo1234).
 * HTTP/1.1, a deadline on every request, and the run ends within 10 minutes: a run that
 * cannot finish says at which step it was stuck and exits non-zero.
 */
public final class WalkIns {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "demo1234";

    private final HttpClient http = Deadlines.http(Executors.newFixedThreadPool(16, WalkIns::daemon));

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work);
        thread.setDaemon(true);
        return thread;
    }
    private final String gateway;
    private final String keycloak;
    private final String site;

    private final String mongo;
    /** customer-service's readiness, asked right after the burst: degraded mode is for a customer-service that is not UP. */
    static String customerHealthUrl = "http://127.0.0.1:9082/actuator/health/readiness";

    /** What the burst is sent with ({@code --client netty|jdk}) and how many requests warm it first ({@code --client-warm-up}). */
    static String client = "netty";
    static int clientWarmUp = 2000;
    /** The ceiling ({@code --ceiling}, requests each; 0 for none) and reception's own address for its direct figure ({@code --reception}). */
    static int ceilingRequests = 2000;
    static String receptionUrl = "http://127.0.0.1:8081";

    private WalkIns(String gateway, String keycloak, String site, String mongo) {
        this.gateway = gateway;
        this.keycloak = keycloak;
        this.site = site;
        this.mongo = mongo;
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        String gateway = positional.size() > 0 ? positional.get(0) : "http://localhost:8080";
        String keycloak = positional.size() > 1 ? positional.get(1) : "http://localhost:8180";
        String site = positional.size() > 2 ? positional.get(2) : "SH01";
        int walkIns = positional.size() > 3 ? Integer.parseInt(positional.get(3)) : 200;
        int repeat = Integer.parseInt(options.getOrDefault("repeat", "1"));
        String mongo = options.getOrDefault("mongo", "mongodb://127.0.0.1:27117");
        customerHealthUrl = options.getOrDefault("customer-health", customerHealthUrl);
        client = options.getOrDefault("client", client);
        clientWarmUp = Integer.parseInt(options.getOrDefault("client-warm-up", String.valueOf(clientWarmUp)));
        ceilingRequests = Integer.parseInt(options.getOrDefault("ceiling", String.valueOf(ceilingRequests)));
        receptionUrl = options.getOrDefault("reception", receptionUrl);
        int failures = 1;
        Deadlines.watchdog("walk-ins", Duration.ofMinutes(10L * repeat));
        try {
            WalkIns bench = new WalkIns(gateway, keycloak, site, mongo);
            failures = 0;
            List<Summary> runs = new ArrayList<>();
            for (int run = 1; run <= repeat; run++) {
                if (repeat > 1) {
                    System.out.println("=== run " + run + " of " + repeat);
                }
                Summary summary = bench.run(walkIns);
                runs.add(summary);
                failures += summary.failures();
            }
            Summary.printMedian("walk-ins/s", runs);
            Ceilings.printMedians();
        } catch (Exception | Error e) {
            // System.exit in finally would swallow it: say what stopped the run
            failures = Math.max(failures, 1);
            System.out.println("FAILED at \"" + Deadlines.current() + "\": " + e);
            e.printStackTrace(System.out);
        } finally {
            System.exit(failures == 0 ? 0 : 1);
        }
    }

    private Summary run(int count) throws Exception {
        String prefix = site.toLowerCase(Locale.ROOT);
        Deadlines.step("signing in the manager and the desk at " + keycloak);
        String manager = token(prefix + "-manager");
        String desk = token(prefix + "-sales1");
        Deadlines.step("seeing everyone at the desk off");
        seeEveryoneOff(manager); // start from a desk where nobody is being served and nobody waits
        Deadlines.step("setting the desk up: one rep OUT, one BUSY");
        JsonNode board = get(manager, "/api/reception/sites/" + site + "/rotation");
        List<String> reps = new ArrayList<>();
        board.path("order").forEach(r -> reps.add(r.path("userId").asString()));
        if (reps.size() < 3) {
            throw new IllegalStateException("today's rotation of " + site + " needs at least 3 reps; it has " + reps);
        }
        // the setting: everyone back at the desk, then the last rep OUT and one rep BUSY with a customer
        Set<String> outBefore = new HashSet<>();
        board.path("order").forEach(r -> {
            if ("OUT".equals(r.path("status").asString())) {
                outBefore.add(r.path("userId").asString());
            }
        });
        for (String rep : outBefore) {
            send(manager, "PUT", "/api/reception/sites/" + site + "/reps/" + rep + "/status", Map.of("status", "AVAILABLE"), 200);
        }
        String out = reps.get(reps.size() - 1);
        send(manager, "PUT", "/api/reception/sites/" + site + "/reps/" + out + "/status", Map.of("status", "OUT"), 200);
        send(desk, "POST", "/api/reception/sites/" + site + "/visits", Map.of("requestId", "bench-busy-" + UUID.randomUUID(),
                "phone", phone()), 201);
        board = get(manager, "/api/reception/sites/" + site + "/rotation");
        Set<String> busyBefore = new HashSet<>();
        board.path("busy").forEach(r -> busyBefore.add(r.path("userId").asString()));
        int queuedBefore = board.path("queue").size();
        List<String> free = new ArrayList<>();
        board.path("order").forEach(r -> {
            if ("AVAILABLE".equals(r.path("status").asString())) {
                free.add(r.path("userId").asString());
            }
        });
        System.out.printf("%s: %d reps on duty, OUT %s, BUSY %s, free %s, %d already waiting%n", site, reps.size(), out, busyBefore,
                free, queuedBefore);

        String customerHealth = customerHealthUrl;
        StoreCounts store = new StoreCounts(mongo);
        store.takeAll();
        ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
        // the burst's client, warmed on a server inside the benchmark first (the office is not touched: RaceClient)
        RaceClient race = RaceClient.of(client, count);
        race.warmUp(clientWarmUp, count);
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        Deadlines.step(count + " walk-ins at once");
        long began = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String requestId = "bench-" + UUID.randomUUID();
            String phone = phone();
            long sent = System.nanoTime();
            calls.add(race.post(gateway + "/api/reception/sites/" + site + "/visits", desk,
                    JSON.writeValueAsString(Map.of("requestId", requestId, "phone", phone)), Deadlines.REQUEST).thenAccept(answer -> {
                if (answer.status() == -1) {
                    unanswered.add(requestId + " (phone " + phone + "): " + answer.body());
                    results.add(new Result(-1, 0, null, answer.body()));
                    return;
                }
                results.add(new Result(answer.status(), System.nanoTime() - sent,
                        answer.status() < 300 ? JSON.readTree(answer.body()) : null, answer.body()));
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - began) / 1e9;
        java.util.Map<String, Long> storeOps = store.takeAll();
        store.close();
        String noVisit = "/api/reception/sites/" + site + "/visits/no-such-visit";
        List<Ceilings.Ceiling> ceilings = Ceilings.measure(race, ceilingRequests, count, Deadlines.REQUEST, List.of(
                new Ceilings.Target("reception-service alone: a visit that does not exist (token, site, one store read; 404)",
                        receptionUrl + noVisit, desk, 404),
                new Ceilings.Target("the same through the gateway (two hops, two token checks, one store read; 404)",
                        gateway + noVisit, desk, 404)));
        race.close();

        int failures = 0;
        List<Long> latencies = new ArrayList<>();
        Map<String, Integer> servedBy = new HashMap<>();
        Set<String> served = new HashSet<>();
        Set<String> waiting = new HashSet<>();
        int pending = 0;
        Map<Integer, Integer> refused = new java.util.TreeMap<>();
        for (Result r : results) {
            if (r.status() != 201) {
                failures++;
                if (refused.merge(r.status(), 1, Integer::sum) == 1) {
                    System.out.println("FAILED: HTTP " + r.status() + " " + r.raw());
                }
                if (r.nanos() > 0) {
                    latencies.add(r.nanos());
                }
                continue;
            }
            latencies.add(r.nanos());
            String visit = r.body().path("visitId").asString();
            if (r.body().path("attributionPending").asBoolean()) {
                pending++;
            }
            if ("SERVING".equals(r.body().path("state").asString())) {
                servedBy.merge(r.body().path("servedBy").asString(), 1, Integer::sum);
                served.add(visit);
            } else if ("WAITING".equals(r.body().path("state").asString())) {
                waiting.add(visit);
            } else {
                failures++;
                System.out.println("FAILED: neither served nor waiting: " + r.raw());
            }
        }
        if (!refused.isEmpty()) {
            System.out.println("answers other than 201 by status (-1: none): " + refused);
        }
        if (!unanswered.isEmpty()) {
            System.out.println("FAILED: " + unanswered.size() + " walk-in(s) without a complete answer (each ended at its deadline):");
            unanswered.stream().limit(20).forEach(u -> System.out.println("  " + u));
        }
        Deadlines.step("checking the outcome against the board");
        JsonNode after = get(manager, "/api/reception/sites/" + site + "/rotation");
        Set<String> queue = new HashSet<>();
        after.path("queue").forEach(w -> queue.add(w.path("visitId").asString()));
        Set<String> servingOnBoard = new HashSet<>();
        after.path("order").forEach(r -> {
            if (!r.path("serving").isMissingNode() && !r.path("serving").isNull()) {
                servingOnBoard.add(r.path("serving").path("visitId").asString());
            }
        });

        failures += check(servedBy.values().stream().allMatch(n -> n == 1), "every turn handed out exactly once (no rep took two): " + servedBy);
        failures += check(servedBy.keySet().stream().noneMatch(busyBefore::contains) && !servedBy.containsKey(out),
                "no BUSY or OUT rep was given a customer");
        failures += check(served.size() <= free.size(), "no more customers served than reps were free (" + served.size() + " ≤ " + free.size() + ")");
        failures += check(served.size() + waiting.size() == count, "every customer served or queued (" + served.size() + " + " + waiting.size() + " = " + count + ")");
        failures += check(queue.containsAll(waiting) && servingOnBoard.containsAll(served), "the board shows each served customer with their rep and each waiting one in the queue");
        failures += check(waiting.stream().noneMatch(served::contains), "no customer both served and queued");

        boolean customerServiceHealthy = healthy(customerHealth);
        failures += check(pending == 0 || !customerServiceHealthy, "no walk-in registered in degraded mode while customer-service was healthy ("
                + pending + " attribution pending; customer-service " + (customerServiceHealthy ? "UP" : "not UP") + " at " + customerHealth + ")");

        Deadlines.step("the raw rate: 2,000 bare conditional updates on the store at " + mongo);
        OpeningDay.Raw raw = OpeningDay.raw(mongo, 2000, 200, 200);
        double rawRate = 2000 / raw.seconds();
        latencies.sort(Long::compare);
        double rate = count / seconds;
        System.out.println();
        System.out.println("| measure | walk-ins through the gateway | raw conditional update on the stand-in |");
        System.out.println("|---|---|---|");
        System.out.printf("| requests / wall time | %d / %.2f s | 2000 / %.2f s |%n", count, seconds, raw.seconds());
        System.out.printf("| per second | %.1f | %.0f |%n", rate, rawRate);
        System.out.printf("| ratio to the raw rate | %.3f | 1 |%n", rate / rawRate);
        Ceilings.print(ceilings, rawRate);
        System.out.printf("| p50 / p99 / max | %d / %d / %d ms | %.1f / %.1f / – ms |%n", percentile(latencies, 50), percentile(latencies, 99),
                percentile(latencies, 100), raw.p50(), raw.p99());
        System.out.printf("| served / queued / attribution pending / not 201 | %d / %d / %d / %d | |%n", served.size(), waiting.size(), pending,
                count - served.size() - waiting.size());
        System.out.println();
        System.out.println("store operations during the burst (every process of the office, background work included):");
        double opsPer = StoreCounts.print(storeOps, count, "walk-in", "bench_raw");
        System.out.println();
        System.out.printf("%d walk-ins in %.2f s: %.1f walk-ins/s (ratio %.3f); latency p50 %d ms, p99 %d ms, max %d ms; %d served, %d queued, %d attribution pending%n",
                count, seconds, rate, rate / rawRate, percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100),
                served.size(), waiting.size(), pending);

        Deadlines.step("seeing everyone off and putting the reps' statuses back");
        seeEveryoneOff(manager);
        // as it was: the reps who were out are out again
        if (!outBefore.contains(out)) {
            send(manager, "PUT", "/api/reception/sites/" + site + "/reps/" + out + "/status", Map.of("status", "AVAILABLE"), 200);
        }
        for (String rep : outBefore) {
            if (!rep.equals(out)) {
                send(manager, "PUT", "/api/reception/sites/" + site + "/reps/" + rep + "/status", Map.of("status", "OUT"), 200);
            }
        }
        System.out.println(failures == 0 ? "OK: every check held" : "FAILED: " + failures + " check(s)");
        return new Summary(rate, rate / rawRate, percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100), opsPer,
                pending, failures);
    }

    private boolean healthy(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (Exception e) {
            return false;
        }
    }

    /** Sees every customer at the desk off, which serves the waiting ones in turn, until the desk is empty. */
    private void seeEveryoneOff(String manager) throws Exception {
        long started = System.nanoTime();
        int seenOff = 0;
        for (int round = 0; ; round++) {
            if (round > 1_000) {
                throw new IllegalStateException("the desk still serves customers after 1,000 rounds of seeing them off");
            }
            JsonNode board = get(manager, "/api/reception/sites/" + site + "/rotation");
            List<String> serving = new ArrayList<>();
            board.path("order").forEach(r -> {
                JsonNode s = r.path("serving");
                if (!s.isMissingNode() && !s.isNull()) {
                    serving.add(s.path("visitId").asString());
                }
            });
            if (serving.isEmpty()) {
                break;
            }
            for (String visit : serving) {
                send(manager, "POST", "/api/reception/sites/" + site + "/visits/" + visit + "/see-off", null, 200);
                seenOff++;
            }
        }
        System.out.printf("saw %d customers off in %.1f s; the desk is free again%n", seenOff, (System.nanoTime() - started) / 1e9);
    }

    private record Result(int status, long nanos, JsonNode body, String raw) {
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1_000_000;
    }

    private static int check(boolean holds, String what) {
        System.out.println((holds ? "  ok   " : "  FAIL ") + what);
        return holds ? 0 : 1;
    }

    private static String status(JsonNode board, String rep) {
        for (JsonNode r : board.path("order")) {
            if (rep.equals(r.path("userId").asString())) {
                return r.path("status").asString();
            }
        }
        return null;
    }

    private static String phone() {
        return "136" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private String token(String username) throws Exception {
        String form = "grant_type=password&client_id=anchang-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + PASSWORD;
        HttpResponse<String> response = Deadlines.send(http, HttpRequest.newBuilder(URI.create(keycloak + "/realms/anchang/protocol/openid-connect/token"))
                .timeout(Deadlines.REQUEST).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + username + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private JsonNode get(String token, String path) throws Exception {
        return send(token, "GET", path, null, 200);
    }

    private JsonNode send(String token, String method, String path, Object body, int expected) throws Exception {
        HttpResponse<String> response = Deadlines.send(http, request(token, method, path, body));
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? null : JSON.readTree(response.body());
    }

    private HttpRequest request(String token, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Deadlines.REQUEST)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        Map<String, Object> json = new LinkedHashMap<>((Map<String, Object>) body);
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json))).build();
    }
}
