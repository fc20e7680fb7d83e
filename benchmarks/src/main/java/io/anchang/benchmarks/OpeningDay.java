package io.anchang.benchmarks;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 开盘 — opening day: {@code --reps} reps race for {@code --units} units of a new building
 * through the gateway with real Keycloak tokens, each rep trying to hold one unit (rep i
 * aims at unit i mod units, so every unit has reps/units contenders). Beside it, in the same
 * run, the raw rate of the store's conditional update: the same race as plain
 * {@code findAndModify(status: AVAILABLE → HELD)} straight against the MongoDB stand-in.
 *
 * <p>Tokens: the demo realm has three SH01 reps; the benchmark signs them in by the password
 * grant of {@code anchang-cli} and spreads the 2,000 reps over their tokens (a hold is
 * checked per request — token, site, customer owner — whoever sends it, so 2,000 distinct
 * users would cost Keycloak user creation, not change what deal-service does per hold). Each
 * demo rep gets a bench customer of theirs, announced on Kafka as customer-service announces
 * customers ({@code customer.registered}), since a rep holds only for a customer of theirs.
 *
 * <p>The proof that no unit was sold twice: every unit has exactly one 201, every 409 names
 * that winner, and the board shows each unit HELD once, by the winner.
 *
 * <p>It never waits forever: HTTP/1.1, a deadline on every request ({@code --request-timeout},
 * seconds), and the whole run ends within {@code --deadline} seconds — a run that cannot
 * finish says at which step it was stuck and exits non-zero, as does a run in which any
 * request went unanswered or any invariant broke.
 *
 * <pre>./bench opening-day [--gateway URL] [--keycloak URL] [--mongo URI] [--kafka HOST:PORT]
 *                        [--reps 2000] [--units 200] [--concurrency 200] [--site SH01]
 *                        [--request-timeout 30] [--deadline 900] [--repeat N] [--deal http://127.0.0.1:8083] [--gateway-reads 200]
 *                        [--client netty|jdk] [--client-warm-up 4000] [--ceiling 2000]</pre>
 * {@code --client} is what the race is sent with: Reactor Netty (the default; cheap per request, which leaves
 * the two cores to the office) or the JDK's client ({@link RaceClient}); either is first warmed on a server inside the
 * benchmark ({@code --client-warm-up} requests, 0 for none), so that the race does not pay for its JIT.
 * {@code --repeat N} runs it N times (a new building each) and prints the median of each figure.
 * After the race, the ceiling: the office's cheapest requests sent the same way ({@code --ceiling} each, 0 for none),
 * and the gateway figure: the same read through the gateway and straight at deal-service.
 */
public final class OpeningDay {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "demo1234";

    private OpeningDay() {
    }

    public static void main(String[] args) {
        Map<String, String> o = options(args);
        int repeat = Integer.parseInt(o.getOrDefault("repeat", "1"));
        Deadlines.watchdog("opening day", Duration.ofSeconds(repeat * Long.parseLong(o.getOrDefault("deadline", "900"))));
        int exit = 1;
        try {
            List<Summary> runs = new ArrayList<>();
            exit = 0;
            for (int run = 1; run <= repeat; run++) {
                if (repeat > 1) {
                    System.out.println("=== run " + run + " of " + repeat);
                }
                Summary summary = run(o);
                runs.add(summary);
                exit |= summary.failures() > 0 ? 1 : 0;
            }
            Summary.printMedian("holds/s", runs);
            Ceilings.printMedians();
        } catch (Exception | Error e) {
            exit = 1;
            System.out.println("FAILED at \"" + Deadlines.current() + "\": " + e);
            e.printStackTrace(System.out);
        } finally {
            System.exit(exit);
        }
    }

    private static void step(String now) {
        Deadlines.step(now);
    }

    private static Duration requestTimeout = Deadlines.REQUEST;

    private static Summary run(Map<String, String> o) throws Exception {
        String gateway = o.getOrDefault("gateway", "http://localhost:8080");
        String keycloak = o.getOrDefault("keycloak", "http://localhost:8180");
        String mongo = o.getOrDefault("mongo", "mongodb://127.0.0.1:27117");
        String kafka = o.getOrDefault("kafka", "127.0.0.1:9192");
        String site = o.getOrDefault("site", "SH01");
        int reps = Integer.parseInt(o.getOrDefault("reps", "2000"));
        int units = Integer.parseInt(o.getOrDefault("units", "200"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "200"));
        String prefix = site.toLowerCase();
        List<String> demoReps = List.of(prefix + "-sales1", prefix + "-sales2", prefix + "-sales3");
        requestTimeout = Duration.ofSeconds(Long.parseLong(o.getOrDefault("request-timeout", "30")));

        HttpClient http = Deadlines.http();
        step("signing in " + demoReps + ", sales control and the manager at " + keycloak);
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String user : demoReps) {
            tokens.put(user, token(http, keycloak, user));
        }
        String control = token(http, keycloak, prefix + "-control");
        String manager = token(http, keycloak, prefix + "-manager");

        // the building: a new one each run, 200 units on 20 floors, by sales control's price list
        step("creating a building of " + units + " units and importing its price list");
        String building = "K" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36).toUpperCase();
        send(http, gateway, control, "POST", "/api/deals/sites/" + site + "/buildings",
                "{\"code\":\"" + building + "\",\"name\":\"开盘楼 " + building + "\",\"project\":\"开盘压测\"}", "application/json", 201);
        StringBuilder csv = new StringBuilder("房号,楼层,户型,面积,总价,朝向,等级\n");
        int perFloor = Math.max(1, units / 20);
        for (int i = 0; i < units; i++) {
            int floor = i / perFloor + 1;
            csv.append(floor * 100 + i % perFloor + 1).append(',').append(floor).append(",三室两厅,118.00,")
                    .append(3_000_000 + floor * 10_000).append(",南,A\n");
        }
        send(http, gateway, control, "POST", "/api/deals/sites/" + site + "/buildings/" + building + "/price-list",
                csv.toString(), "text/csv", 201);
        JsonNode board = JSON.readTree(send(http, gateway, manager, "GET", "/api/deals/sites/" + site + "/buildings/" + building + "/board",
                null, null, 200));
        List<String> unitIds = new ArrayList<>();
        board.path("floors").forEach(f -> f.path("units").forEach(u -> unitIds.add(u.path("id").asString())));

        // a customer of each demo rep, announced as customer-service announces it
        step("announcing a customer of each rep on Kafka at " + kafka + " and waiting for deal-service to learn them");
        Map<String, String> customerOf = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer())) {
            for (String rep : demoReps) {
                String customerId = "bench-" + building + "-" + rep;
                customerOf.put(rep, customerId);
                ObjectNode payload = JSON.createObjectNode().put("customerId", customerId).put("siteId", site)
                        .put("archiveNo", customerId).put("name", "开盘客户").put("phoneMasked", "138****0000").put("source", "EVENT")
                        .put("ownerRep", rep).put("registeredAt", Instant.now().toString());
                ObjectNode envelope = JSON.createObjectNode().put("eventId", UUID.randomUUID().toString()).put("type", "customer.registered")
                        .put("version", 1).put("occurredAt", Instant.now().toString()).put("siteId", site).put("aggregateId", customerId)
                        .put("actor", "bench");
                envelope.set("payload", payload);
                producer.send(new ProducerRecord<>("anchang.customer.v1", customerId, JSON.writeValueAsString(envelope))).get(30, TimeUnit.SECONDS);
            }
        }
        awaitCustomers(http, gateway, tokens, customerOf, site, unitIds.get(0));

        // the race through the gateway
        step("the race: " + reps + " hold attempts on " + units + " units, " + concurrency + " in flight");
        System.out.printf("opening day at %s: %d reps race for %d units of building %s (%d in flight at a time)%n",
                site, reps, units, building, concurrency);
        RaceClient race = RaceClient.of(o.getOrDefault("client", "netty"), concurrency);
        step("warming the benchmark's own HTTP client on a server inside the benchmark (the office is not touched)");
        race.warmUp(Integer.parseInt(o.getOrDefault("client-warm-up", "4000")), concurrency);
        StoreCounts store = new StoreCounts(mongo);
        store.takeAll();
        Semaphore inFlight = new Semaphore(concurrency);
        long[] latencies = new long[reps];
        int[] statuses = new int[reps];
        String[] bodies = new String[reps];
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            int attempt = i;
            String rep = demoReps.get(i % demoReps.size());
            String unit = unitIds.get(i % unitIds.size());
            inFlight.acquire();
            long t0 = System.nanoTime();
            all.add(race.post(gateway + "/api/deals/sites/" + site + "/units/" + unit + "/hold", tokens.get(rep),
                    "{\"customerId\":\"" + customerOf.get(rep) + "\"}", requestTimeout).thenAccept(answer -> {
                latencies[attempt] = System.nanoTime() - t0;
                statuses[attempt] = answer.status();
                bodies[attempt] = answer.body();
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> storeOps = store.takeAll();
        store.close();
        String noUnit = "/api/deals/sites/" + site + "/units/no-such-unit";
        String rep = tokens.get(demoReps.get(0));
        List<Ceilings.Ceiling> ceilings = Ceilings.measure(race, Integer.parseInt(o.getOrDefault("ceiling", String.valueOf(reps))),
                concurrency, requestTimeout, List.of(
                        new Ceilings.Target("the gateway alone: the web application's page (no token, no service)", gateway + "/", null, 200),
                        new Ceilings.Target("deal-service alone: a unit that does not exist (token, site, one store read; 404)",
                                o.getOrDefault("deal", "http://127.0.0.1:8083") + noUnit, rep, 404),
                        new Ceilings.Target("the same through the gateway (two hops, two token checks, one store read; 404)",
                                gateway + noUnit, rep, 404)));
        race.close();
        step("checking the outcome against the board");

        // the proof: one winner per unit, every 409 names it, the board agrees
        Map<String, String> winner = new HashMap<>();
        int won = 0;
        int lost = 0;
        int wrongName = 0;
        int other = 0;
        int unanswered = 0;
        List<String> doubles = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            String unit = unitIds.get(i % unitIds.size());
            if (statuses[i] == 201) {
                won++;
                if (winner.put(unit, demoReps.get(i % demoReps.size())) != null) {
                    doubles.add(unit);
                }
            }
        }
        for (int i = 0; i < reps; i++) {
            if (statuses[i] == 409) {
                lost++;
                String unit = unitIds.get(i % unitIds.size());
                if (!bodies[i].contains("\"heldBy\":\"" + winner.get(unit) + "\"")) {
                    wrongName++;
                }
            } else if (statuses[i] != 201) {
                other++;
                if (statuses[i] == -1) {
                    unanswered++;
                }
            }
        }
        JsonNode after = JSON.readTree(send(http, gateway, manager, "GET", "/api/deals/sites/" + site + "/buildings/" + building + "/board",
                null, null, 200));
        int heldOnBoard = 0;
        int boardMismatch = 0;
        for (JsonNode floor : after.path("floors")) {
            for (JsonNode u : floor.path("units")) {
                if ("HELD".equals(u.path("status").asString())) {
                    heldOnBoard++;
                    if (!u.path("hold").path("repUserId").asString().equals(winner.get(u.path("id").asString()))) {
                        boardMismatch++;
                    }
                }
            }
        }

        step("the same race as bare conditional updates on the store at " + mongo);
        Raw raw = raw(mongo, reps, units, concurrency);
        long[] sorted = Arrays.copyOf(latencies, reps);
        Arrays.sort(sorted);
        double rate = reps / seconds;
        System.out.println();
        System.out.println("| measure | through the gateway (HTTP, token, site, customer, conditional update, outbox) | raw conditional update (findAndModify on the stand-in) |");
        System.out.println("|---|---|---|");
        System.out.printf("| attempts / units | %d / %d | %d / %d |%n", reps, units, reps, units);
        System.out.printf("| wall time | %.2f s | %.2f s |%n", seconds, raw.seconds());
        System.out.printf("| holds/s (attempts per second) | %.0f | %.0f |%n", rate, reps / raw.seconds());
        System.out.printf("| p50 / p99 / max latency | %.0f / %.0f / %.0f ms | %.1f / %.1f ms / – |%n", ms(sorted, 0.50), ms(sorted, 0.99),
                ms(sorted, 1.0), raw.p50(), raw.p99());
        System.out.printf("| ratio to the raw rate | %.3f | 1 |%n", rate / (reps / raw.seconds()));
        System.out.printf("| won (201) / lost (409) / other | %d / %d / %d | %d / %d / 0 |%n", won, lost, other, raw.won(), reps - raw.won());
        Ceilings.print(ceilings, reps / raw.seconds());
        System.out.println();
        System.out.println("store operations during the race (every process of the office, background work included):");
        double opsPer = StoreCounts.print(storeOps, reps, "hold attempt", "bench_raw");
        System.out.println();
        if (unanswered > 0) {
            System.out.printf("%d request(s) got no answer within %d s%n", unanswered, requestTimeout.toSeconds());
        }
        System.out.printf("proof: %d units won once each (units won twice: %s); %d of %d 409s name the winner; board: %d HELD, %d not by the winner%n",
                winner.size(), doubles.isEmpty() ? "none" : doubles, lost - wrongName, lost, heldOnBoard, boardMismatch);
        boolean sound = doubles.isEmpty() && won == units && winner.size() == units && wrongName == 0 && heldOnBoard == units
                && boardMismatch == 0 && raw.won() == units && unanswered == 0;
        System.out.println(sound ? "NO UNIT WAS SOLD TWICE" : "INVARIANT BROKEN — see above");
        if (other > 0) {
            for (int i = 0; i < reps; i++) {
                if (statuses[i] != 201 && statuses[i] != 409) {
                    System.out.println("  e.g. " + statuses[i] + ": " + bodies[i]);
                    break;
                }
            }
        }
        if (other > unanswered) {
            // a 503/504 is not a rep hearing whether they won: the run does not count as met
            System.out.printf("%d attempt(s) answered neither 201 nor 409 — the run fails%n", other - unanswered);
            if (java.util.Arrays.stream(statuses).anyMatch(status -> status == 429)) {
                // three accounts stand in for thousands of reps; the gateway's per-user limit is a human's
                System.out.println("  429: the gateway's per-user limit; for this benchmark start the office with "
                        + "ANCHANG_GATEWAY_REQUESTS_PER_PERIOD=100000 ./anchang up");
            }
        }
        gatewayFigure(http, gateway, manager, site, building, o);
        return new Summary(rate, rate / (reps / raw.seconds()), ms(sorted, 0.50), ms(sorted, 0.99), ms(sorted, 1.0), opsPer, 0,
                sound && other == 0 ? 0 : 1);
    }

    /**
     * The gateway's own cost: the same read (the building's board) through the gateway and straight at
     * deal-service, one after the other, {@code --gateway-reads} times each, in this run; p50 through
     * the gateway should stay within 1.5 times the direct one.
     */
    private static void gatewayFigure(HttpClient http, String gateway, String token, String site, String building,
                                      Map<String, String> o) throws Exception {
        String direct = o.getOrDefault("deal", "http://127.0.0.1:8083");
        int reads = Integer.parseInt(o.getOrDefault("gateway-reads", "200"));
        String path = "/api/deals/sites/" + site + "/buildings/" + building + "/board";
        step("the gateway figure: the board read " + reads + " times through " + gateway + " and straight at " + direct);
        long[] through = new long[reads];
        long[] straight = new long[reads];
        for (int i = 0; i < 20; i++) { // warm both paths
            send(http, gateway, token, "GET", path, null, null, 200);
            send(http, direct, token, "GET", path, null, null, 200);
        }
        for (int i = 0; i < reads; i++) {
            long t0 = System.nanoTime();
            send(http, gateway, token, "GET", path, null, null, 200);
            through[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            send(http, direct, token, "GET", path, null, null, 200);
            straight[i] = System.nanoTime() - t0;
        }
        Arrays.sort(through);
        Arrays.sort(straight);
        System.out.println();
        System.out.println("| the board (" + reads + " reads each, alternating) | through the gateway | straight at deal-service |");
        System.out.println("|---|---|---|");
        System.out.printf("| p50 / p99 | %.1f / %.1f ms | %.1f / %.1f ms |%n", ms(through, 0.5), ms(through, 0.99), ms(straight, 0.5), ms(straight, 0.99));
        System.out.printf("gateway p50 ÷ direct p50 = %.2f (wanted ≤ 1.5)%n", ms(through, 0.5) / ms(straight, 0.5));
    }

    record Raw(double seconds, double p50, double p99, int won) {
    }

    /** The same race as bare conditional updates on the store: a fresh collection, {@code concurrency} threads. */
    static Raw raw(String uri, int attempts, int units, int concurrency) throws InterruptedException {
        MongoClientSettings settings = MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoCollection<Document> collection = client.getDatabase("bench_raw").getCollection("units_" + System.currentTimeMillis());
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < units; i++) {
                docs.add(new Document("_id", "u" + i).append("siteId", "BENCH").append("status", "AVAILABLE").append("version", 1L));
            }
            collection.insertMany(docs);
            AtomicInteger won = new AtomicInteger();
            long[] latencies = new long[attempts];
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, 64));
            long started = System.nanoTime();
            for (int i = 0; i < attempts; i++) {
                int attempt = i;
                pool.execute(() -> {
                    long t0 = System.nanoTime();
                    Document held = collection.findOneAndUpdate(
                            Filters.and(Filters.eq("_id", "u" + attempt % units), Filters.eq("status", "AVAILABLE")),
                            Updates.combine(Updates.set("status", "HELD"), Updates.set("holder", "rep" + attempt), Updates.inc("version", 1L)));
                    latencies[attempt] = System.nanoTime() - t0;
                    if (held != null) {
                        won.incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                pool.shutdownNow();
                throw new IllegalStateException("the raw race on the store did not finish in 5 minutes");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            collection.drop();
            Arrays.sort(latencies);
            return new Raw(seconds, ms(latencies, 0.50), ms(latencies, 0.99), won.get());
        }
    }

    private static void awaitCustomers(HttpClient http, String gateway, Map<String, String> tokens, Map<String, String> customerOf,
                                       String site, String probeUnit) throws InterruptedException {
        // deal-service learns the customers from Kafka; a hold attempt with an unknown customer answers 404 and changes nothing
        for (int i = 0; i < 120; i++) {
            boolean known = true;
            for (Map.Entry<String, String> rep : customerOf.entrySet()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/deals/sites/" + site + "/units/no-such-unit/hold"))
                        .timeout(requestTimeout).header("Authorization", "Bearer " + tokens.get(rep.getKey())).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + rep.getValue() + "\"}")).build();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    known &= !response.body().contains("customer-unknown");
                } catch (java.io.IOException e) {
                    known = false;
                }
            }
            if (known) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("deal-service did not learn the bench customers in 60 s (is Kafka at the given address?)");
    }

    private static String token(HttpClient http, String keycloak, String user) throws Exception {
        String form = "grant_type=password&client_id=anchang-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + PASSWORD;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/anchang/protocol/openid-connect/token"))
                .timeout(requestTimeout).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private static String send(HttpClient http, String gateway, String token, String method, String path, String body, String type,
                               int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = Deadlines.send(http, request.build());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static double ms(long[] sortedNanos, double quantile) {
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
