package io.anchang.benchmarks;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The finance desk's burst (issue 10): {@code --confirmations} deposit confirmations at one site at
 * once, through the gateway with real Keycloak tokens. Setup, also through the gateway: sales control
 * imports a new building, each demo rep holds units for a bench customer of theirs (announced on Kafka
 * as customer-service announces customers) and asks the desk for a small deposit; the desk's queue is
 * awaited. Then {@code sh01-finance} confirms them all at once. An ambiguous answer — a 5xx, a
 * timeout, a broken connection — is retried with the same request (the deposit request's id) until it
 * is definite, as a cashier would; a repeat must answer the first receipt, never a 409.
 *
 * <p>Printed: receipts issued (must equal the confirmations), ambiguous answers before and after the
 * retries (after: must be 0), repeats that were not answered with their receipt (must be 0), the
 * receipt numbers' gaps (must be none), and the latency of each confirmation to its definite answer,
 * retries included (p50, p99, max). Exits non-zero when an invariant breaks. Every request has a
 * deadline; HTTP/1.1 to the gateway.
 *
 * <pre>./bench confirmations [--gateway URL] [--keycloak URL] [--kafka HOST:PORT] [--site SH01] [--confirmations 100]
 *                          [--retries 5]</pre>
 */
public final class Confirmations {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "demo1234";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Confirmations() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String gateway = o.getOrDefault("gateway", "http://localhost:8080");
        String keycloak = o.getOrDefault("keycloak", "http://localhost:8180");
        String kafka = o.getOrDefault("kafka", "127.0.0.1:9192");
        String site = o.getOrDefault("site", "SH01");
        int count = Integer.parseInt(o.getOrDefault("confirmations", "100"));
        int retries = Integer.parseInt(o.getOrDefault("retries", "5"));
        String prefix = site.toLowerCase();
        List<String> reps = List.of(prefix + "-sales1", prefix + "-sales2", prefix + "-sales3");

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, String> tokens = new HashMap<>();
        for (String user : reps) {
            tokens.put(user, token(http, keycloak, user));
        }
        String control = token(http, keycloak, prefix + "-control");
        String finance = token(http, keycloak, prefix + "-finance");

        // a new building of `count` units, by sales control's price list
        String building = "C" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36).toUpperCase();
        send(http, gateway, control, "POST", "/api/deals/sites/" + site + "/buildings",
                "{\"code\":\"" + building + "\",\"name\":\"收款楼 " + building + "\",\"project\":\"收款压测\"}", 201);
        StringBuilder csv = new StringBuilder("房号,楼层,户型,面积,总价,朝向,等级\n");
        for (int i = 0; i < count; i++) {
            int floor = i / 10 + 1;
            csv.append(floor * 100 + i % 10 + 1).append(',').append(floor).append(",两室两厅,89.00,2000000,南,A\n");
        }
        JsonNode imported = JSON.readTree(sendAs(http, gateway, control, "POST", "/api/deals/sites/" + site + "/buildings/" + building
                + "/price-list", csv.toString(), "text/csv", 201));
        List<String> units = new ArrayList<>();
        imported.path("units").forEach(u -> units.add(u.path("id").asString()));

        Map<String, String> customerOf = announceCustomers(kafka, site, building, reps);
        awaitCustomers(http, gateway, tokens, customerOf, site);

        // each unit held by a rep and a small deposit asked of the desk
        Map<String, String> unitOfRequest = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            String rep = reps.get(i % reps.size());
            String unit = units.get(i);
            send(http, gateway, tokens.get(rep), "POST", "/api/deals/sites/" + site + "/units/" + unit + "/hold",
                    "{\"customerId\":\"" + customerOf.get(rep) + "\",\"requestId\":\"" + UUID.randomUUID() + "\"}", 201);
            JsonNode requested = JSON.readTree(send(http, gateway, tokens.get(rep), "POST", "/api/deals/sites/" + site + "/units/" + unit
                    + "/deposit-request", "{\"kind\":\"SMALL\",\"amount\":\"20000\",\"requestId\":\"" + UUID.randomUUID() + "\"}", 201));
            unitOfRequest.put(requested.path("request").path("requestId").asString(), unit);
        }
        awaitQueue(http, gateway, finance, site, unitOfRequest.keySet());

        System.out.printf("confirmations at %s: %d deposit confirmations at once by %s-finance through the gateway (building %s)%n",
                site, count, prefix, building);
        List<String> requestIds = new ArrayList<>(unitOfRequest.keySet());
        Map<String, String> receiptOf = new ConcurrentHashMap<>();
        Map<String, Integer> finalStatus = new ConcurrentHashMap<>();
        AtomicInteger ambiguous = new AtomicInteger();
        AtomicInteger repeatsWithoutReceipt = new AtomicInteger();
        long[] latencies = new long[requestIds.size()];
        long started = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < requestIds.size(); i++) {
            int index = i;
            String id = requestIds.get(i);
            long t0 = System.nanoTime();
            all.add(confirm(http, gateway, finance, id, retries, ambiguous).thenAccept(answer -> {
                latencies[index] = System.nanoTime() - t0;
                finalStatus.put(id, answer.status());
                if (answer.status() == 200 || answer.status() == 201) {
                    JsonNode receipt = JSON.readTree(answer.body());
                    receiptOf.put(id, receipt.path("receiptNo").asString());
                    if (answer.attempts() > 1 && receipt.path("receiptNo").asString().isEmpty()) {
                        repeatsWithoutReceipt.incrementAndGet();
                    }
                } else if (answer.attempts() > 1) {
                    repeatsWithoutReceipt.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;

        // the proof: one receipt per confirmation, numbers without gaps, nothing ambiguous left
        long stillAmbiguous = finalStatus.values().stream().filter(s -> s < 200 || s >= 500).count();
        Set<String> numbers = new TreeSet<>(receiptOf.values());
        List<Long> seqs = numbers.stream().map(n -> Long.parseLong(n.substring(n.lastIndexOf('-') + 1))).sorted().toList();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < seqs.size(); i++) {
            for (long missing = seqs.get(i - 1) + 1; missing < seqs.get(i); missing++) {
                gaps.add(missing);
            }
        }
        Map<Integer, Integer> byStatus = new HashMap<>();
        finalStatus.values().forEach(s -> byStatus.merge(s, 1, Integer::sum));
        long[] sorted = Arrays.copyOf(latencies, latencies.length);
        Arrays.sort(sorted);
        System.out.println();
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        System.out.printf("| confirmations | %d |%n", requestIds.size());
        System.out.printf("| receipts issued (distinct numbers) | %d |%n", numbers.size());
        System.out.printf("| final answers by status | %s |%n", new java.util.TreeMap<>(byStatus));
        System.out.printf("| ambiguous answers retried (5xx, timeout, broken connection) | %d |%n", ambiguous.get());
        System.out.printf("| ambiguous after retries | %d |%n", stillAmbiguous);
        System.out.printf("| repeats not answered with their receipt | %d |%n", repeatsWithoutReceipt.get());
        System.out.printf("| receipt numbers | %s … %s, gaps: %s |%n", numbers.isEmpty() ? "-" : ((TreeSet<String>) numbers).first(),
                numbers.isEmpty() ? "-" : ((TreeSet<String>) numbers).last(), gaps.isEmpty() ? "none" : gaps);
        System.out.printf("| wall time | %.2f s |%n", seconds);
        System.out.printf("| p50 / p99 / max to the definite answer | %.0f ms / %.0f ms / %.0f ms |%n", ms(sorted, 0.50), ms(sorted, 0.99),
                ms(sorted, 1.0));
        boolean sound = numbers.size() == requestIds.size() && stillAmbiguous == 0 && repeatsWithoutReceipt.get() == 0 && gaps.isEmpty()
                && byStatus.keySet().stream().allMatch(s -> s == 200 || s == 201);
        System.out.println(sound ? "EVERY CONFIRMATION HAS ONE RECEIPT, NONE AMBIGUOUS" : "INVARIANT BROKEN — see above");
        System.exit(sound ? 0 : 1);
    }

    record Answer(int status, String body, int attempts) {
    }

    /** One confirmation, retried with the same request while its answer is ambiguous (at most {@code retries} times). */
    private static CompletableFuture<Answer> confirm(HttpClient http, String gateway, String token, String requestId, int retries,
                                                     AtomicInteger ambiguous) {
        return attempt(http, gateway, token, requestId, retries, ambiguous, 1);
    }

    private static CompletableFuture<Answer> attempt(HttpClient http, String gateway, String token, String requestId, int retries,
                                                     AtomicInteger ambiguous, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/finance/deposit-requests/" + requestId + "/confirmation"))
                .timeout(DEADLINE).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"20000.00\",\"currency\":\"CNY\",\"method\":\"CASH\"}")).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> response == null ? new Answer(-1, String.valueOf(error), attempt)
                        : new Answer(response.statusCode(), response.body(), attempt))
                .thenCompose(answer -> {
                    boolean unclear = answer.status() < 200 || answer.status() >= 500;
                    if (!unclear) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    ambiguous.incrementAndGet();
                    if (attempt > retries) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(200L * attempt, TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> attempt(http, gateway, token, requestId, retries, ambiguous, attempt + 1));
                });
    }

    private static Map<String, String> announceCustomers(String kafka, String site, String building, List<String> reps) throws Exception {
        Map<String, String> customerOf = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000), new StringSerializer(), new StringSerializer())) {
            for (String rep : reps) {
                String customerId = "bench-" + building + "-" + rep;
                customerOf.put(rep, customerId);
                ObjectNode payload = JSON.createObjectNode().put("customerId", customerId).put("siteId", site)
                        .put("archiveNo", customerId).put("name", "收款客户").put("phoneMasked", "138****0000").put("source", "VISIT")
                        .put("ownerRep", rep).put("registeredAt", Instant.now().toString());
                ObjectNode envelope = JSON.createObjectNode().put("eventId", UUID.randomUUID().toString()).put("type", "customer.registered")
                        .put("version", 1).put("occurredAt", Instant.now().toString()).put("siteId", site).put("aggregateId", customerId)
                        .put("actor", "bench");
                envelope.set("payload", payload);
                producer.send(new ProducerRecord<>("anchang.customer.v1", customerId, JSON.writeValueAsString(envelope))).get(30, TimeUnit.SECONDS);
            }
        }
        return customerOf;
    }

    private static void awaitCustomers(HttpClient http, String gateway, Map<String, String> tokens, Map<String, String> customerOf,
                                       String site) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            boolean known = true;
            for (Map.Entry<String, String> rep : customerOf.entrySet()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/deals/sites/" + site + "/units/no-such-unit/hold"))
                        .timeout(DEADLINE).header("Authorization", "Bearer " + tokens.get(rep.getKey())).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + rep.getValue() + "\"}")).build();
                try {
                    known &= !http.send(request, HttpResponse.BodyHandlers.ofString()).body().contains("customer-unknown");
                } catch (IOException e) {
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

    private static void awaitQueue(HttpClient http, String gateway, String token, String site, Set<String> requests) throws Exception {
        for (int i = 0; i < 240; i++) {
            JsonNode queue = JSON.readTree(send(http, gateway, token, "GET", "/api/finance/sites/" + site + "/deposit-requests", null, 200));
            Set<String> queued = new HashSet<>();
            queue.forEach(item -> queued.add(item.path("requestId").asString()));
            if (queued.containsAll(requests)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the finance desk did not queue the " + requests.size() + " deposit requests in 120 s");
    }

    private static String token(HttpClient http, String keycloak, String user) throws Exception {
        String form = "grant_type=password&client_id=anchang-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + PASSWORD;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/anchang/protocol/openid-connect/token"))
                .timeout(DEADLINE).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private static String send(HttpClient http, String gateway, String token, String method, String path, String body, int expected)
            throws Exception {
        return sendAs(http, gateway, token, method, path, body, "application/json", expected);
    }

    private static String sendAs(HttpClient http, String gateway, String token, String method, String path, String body, String type,
                                 int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(DEADLINE)
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
