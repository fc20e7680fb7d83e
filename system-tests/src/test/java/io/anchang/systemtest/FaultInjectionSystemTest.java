package io.anchang.systemtest;

import io.anchang.launcher.Office;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10: faults injected into the office the launcher starts (real Kafka, the MongoDB
 * stand-in, real Keycloak), scripted and repeatable. After each fault the same invariants
 * are checked through the API over everything accepted so far: every accepted write is
 * there, every event reached its consumer once (units, deposit requests, receipts and the
 * deal's credit agree), and no service has a dead letter or a parked outbox event. Each
 * fault prints what was accepted, what was delivered, how long the office took to
 * converge, and what was lost (must be nothing).
 * <p>
 * It disturbs the shared office, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1000)
class FaultInjectionSystemTest {

    static final String SITE = "SH01";
    static final String BIG_DEPOSIT = "100000.00";
    static final Duration CONVERGE = Duration.ofMinutes(3);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static Office office;
    static String gatewayUrl;
    static final List<String> units = new ArrayList<>();
    static final AtomicInteger nextUnit = new AtomicInteger();
    static String customerId;
    static String owner;

    /** Everything the office accepted during the faults, checked after each. */
    static final ConcurrentLinkedQueue<Journey> journeys = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<WalkIn> walkIns = new ConcurrentLinkedQueue<>();

    /** A deposit journey as far as the office accepted it: held, deposit requested, confirmed (receipt). */
    static final class Journey {
        final String unitId;
        volatile String requestId;
        volatile String receiptNo;

        Journey(String unitId) {
            this.unitId = unitId;
        }
    }

    /** A walk-in the office accepted, with the site's day it came on (the register is read by day). */
    record WalkIn(String visitId, String phone, String day) {
    }

    @BeforeAll
    static void aBuildingOfItsOwn() {
        office = TheOffice.office();
        gatewayUrl = office.gatewayUrl();
        String control = TheOffice.token("sh01-control");
        String building = "F" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36).toUpperCase();
        expect(201, call("POST", "/api/deals/sites/" + SITE + "/buildings", control,
                object("code", building, "name", "故障楼 " + building, "project", "故障注入")));
        StringBuilder csv = new StringBuilder("房号,楼层,户型,面积,总价,朝向,等级\n");
        for (int i = 0; i < 64; i++) {
            int floor = i / 4 + 1;
            csv.append(floor * 100 + i % 4 + 1).append(',').append(floor).append(",两室两厅,89.00,")
                    .append(2_000_000 + floor * 10_000).append(",南,B\n");
        }
        expect(201, send("POST", "/api/deals/sites/" + SITE + "/buildings/" + building + "/price-list", control, csv.toString(), "text/csv"));
        JsonNode board = expect(200, call("GET", "/api/deals/sites/" + SITE + "/buildings/" + building + "/board", control, null));
        board.path("floors").forEach(f -> f.path("units").forEach(u -> units.add(u.path("id").asString())));
        assertThat(units).hasSize(64);
        // 孙女士 of the demo front desk buys the units, from her rep
        JsonNode customer = expect(200, call("POST", "/api/customers/sites/" + SITE + "/customers/search",
                TheOffice.manager(SITE), object("phone", "13800138000")));
        customerId = customer.path("id").asString();
        owner = customer.path("owner").asString();
        assertThat(owner).isNotBlank();
    }

    @Test
    @Order(1)
    @DisplayName("Kafka stopped for 60 s in the middle of the deposit journey and walk-ins, then started again: nothing lost, nothing doubled")
    void kafkaStoppedForAMinute() throws Exception {
        Fault fault = new Fault("Kafka stopped for 60 s during deposits and walk-ins");
        String rep = TheOffice.token(owner);
        String finance = TheOffice.token("sh01-finance");
        String desk = TheOffice.token("sh01-assistant");
        List<Journey> requested = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requested.add(request(fault, rep, hold(fault, rep)));
        }
        await().atMost(CONVERGE).untilAsserted(() -> requested.forEach(j -> assertThat(queued(finance, j.requestId)).isEqualTo(1)));

        long stopped = System.nanoTime();
        office.kafka().stop();
        // while the broker is away: the desk confirms, reps hold and ask, the front desk registers walk-ins
        for (Journey journey : requested) {
            confirm(fault, finance, journey);
        }
        request(fault, rep, hold(fault, rep));
        for (int i = 0; i < 4; i++) {
            walkIn(fault, desk);
        }
        Thread.sleep(Math.max(0, Duration.ofSeconds(60).toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped)));
        office.kafka().start().awaitReady(Office.TIMEOUT);

        fault.converged();
    }

    @Test
    @Order(2)
    @DisplayName("deal-service killed (SIGKILL) between a confirmation and its application, then started again: the unit is sold once")
    void dealServiceKilledBetweenAConfirmationAndItsApplication() throws Exception {
        Fault fault = new Fault("deal-service SIGKILL between a confirmation and its application");
        String rep = TheOffice.token(owner);
        String finance = TheOffice.token("sh01-finance");
        Journey journey = request(fault, rep, hold(fault, rep));
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(queued(finance, journey.requestId)).isEqualTo(1));

        // frozen first, so that the confirmation surely is not applied before the kill
        office.services().process("deal-service").pause();
        confirm(fault, finance, journey);
        Thread.sleep(2_000); // the confirmation is on its topic meanwhile
        office.services().kill("deal-service");
        office.services().restart("deal-service", Office.TIMEOUT);

        fault.converged();
    }

    @Test
    @Order(3)
    @DisplayName("the MongoDB stand-in frozen (SIGSTOP) for 10 s under load, then resumed (SIGCONT): every accepted write is there")
    void theStoreFrozenUnderLoad() throws Exception {
        Fault fault = new Fault("MongoDB stand-in SIGSTOP 10 s under load");
        String rep = TheOffice.token(owner);
        String desk = TheOffice.token("sh01-assistant");
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int worker = 0; worker < 4; worker++) {
            boolean deposits = worker % 2 == 0;
            load.execute(() -> {
                while (loading.get()) {
                    try {
                        if (deposits) {
                            Journey journey = hold(fault, rep);
                            if (journey != null) {
                                request(fault, rep, journey);
                            }
                        } else {
                            walkIn(fault, desk);
                        }
                        Thread.sleep(250);
                    } catch (RuntimeException refused) {
                        // counted by the fault; only what was accepted must be there
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        Thread.sleep(3_000);
        office.mongo().process().pause();
        Thread.sleep(10_000);
        office.mongo().process().resume();
        Thread.sleep(4_000);
        loading.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).as("every request of the load was answered or timed out").isTrue();

        fault.converged();
    }

    @Test
    @Order(4)
    @DisplayName("finance-service restarted while its relay holds the lease (SIGKILL, started again at once): what it wrote before and after goes out")
    void aServiceRestartedWhileItsRelayHoldsTheLease() throws Exception {
        Fault fault = new Fault("finance-service restarted while its relay holds the lease");
        String rep = TheOffice.token(owner);
        String finance = TheOffice.token("sh01-finance");
        Journey before = request(fault, rep, hold(fault, rep));
        Journey after = request(fault, rep, hold(fault, rep));
        await().atMost(CONVERGE).untilAsserted(() -> {
            assertThat(queued(finance, before.requestId)).isEqualTo(1);
            assertThat(queued(finance, after.requestId)).isEqualTo(1);
        });

        confirm(fault, finance, before);
        office.services().kill("finance-service"); // its lease stays taken until it lapses
        office.services().restart("finance-service", Office.TIMEOUT);
        confirm(fault, TheOffice.token("sh01-finance"), after);

        fault.converged();
    }

    // ---- the invariants, over everything accepted so far ----

    /** One injected fault: what it saw accepted and refused, and the check that the office converged after it. */
    static final class Fault {
        final String name;
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();

        Fault(String name) {
            this.name = name;
        }

        void converged() {
            long since = System.nanoTime();
            AtomicInteger delivered = new AtomicInteger();
            await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> delivered.set(invariantsHold()));
            double seconds = (System.nanoTime() - since) / 1e9;
            System.out.printf("FAULT %-62s accepted %3d requests (%d refused or unanswered while it lasted), %3d events delivered"
                            + " (each once), converged in %5.1f s, lost: none%n",
                    name, accepted.get(), refused.get(), delivered.get(), seconds);
        }
    }

    /**
     * Every accepted write present and every event applied once; no dead letter, no parked
     * event. Returns how many event deliveries it verified.
     */
    static int invariantsHold() {
        String manager = TheOffice.manager(SITE);
        String finance = TheOffice.token("sh01-finance");
        String admin = TheOffice.token("admin");
        int delivered = 0;
        Map<String, Integer> queue = queue(finance);
        for (Journey journey : journeys) {
            JsonNode unit = expect(200, call("GET", "/api/deals/sites/" + SITE + "/units/" + journey.unitId, manager, null));
            if (journey.receiptNo != null) {
                JsonNode receipt = expect(200, call("GET", "/api/finance/sites/" + SITE + "/receipts/" + journey.receiptNo, finance, null));
                assertThat(receipt.path("requestId").asString()).as("receipt " + journey.receiptNo).isEqualTo(journey.requestId);
                // finance → deal: the confirmation moved the unit, once
                assertThat(unit.path("status").asString()).as("unit " + journey.unitId + " after receipt " + journey.receiptNo)
                        .isEqualTo("BIG_DEPOSIT");
                JsonNode deposits = unit.path("sale").path("deposits");
                assertThat(deposits.size()).as("deposits of " + journey.unitId).isEqualTo(1);
                assertThat(deposits.path(0).path("receiptNo").asString()).isEqualTo(journey.receiptNo);
                assertThat(unit.path("sale").path("paid").asString()).isEqualTo(BIG_DEPOSIT);
                // deal → customer → deal: the credit of the deal came back
                assertThat(unit.path("sale").path("credit").path("shares").size()).as("credit of " + journey.unitId).isPositive();
                assertThat(queue.getOrDefault(journey.requestId, 0)).as("confirmed " + journey.requestId + " left the queue").isZero();
                delivered += 4;
            } else if (journey.requestId != null) {
                assertThat(unit.path("status").asString()).isEqualTo("HELD");
                // deal → finance: the request is on the desk's queue, once
                assertThat(queue.getOrDefault(journey.requestId, 0)).as("queued " + journey.requestId).isEqualTo(1);
                delivered += 1;
            } else {
                assertThat(unit.path("status").asString()).as("held " + journey.unitId).isEqualTo("HELD");
                assertThat(unit.path("hold").path("repUserId").asString()).isEqualTo(owner);
            }
        }
        if (!walkIns.isEmpty()) {
            // each walk-in's own day and the next (one registered a moment before midnight may fall on either)
            Map<String, Integer> registered = new HashMap<>();
            walkIns.stream().flatMap(w -> java.util.stream.Stream.of(w.day(), LocalDate.parse(w.day()).plusDays(1).toString()))
                    .distinct().forEach(day -> expect(200, call("GET", "/api/reception/sites/" + SITE + "/visits?day=" + day, manager, null))
                            .forEach(v -> registered.merge(v.path("visitId").asString(), 1, Integer::sum)));
            for (WalkIn walkIn : walkIns) {
                assertThat(registered.getOrDefault(walkIn.visitId(), 0)).as("visit " + walkIn.visitId() + " in the register").isEqualTo(1);
                JsonNode customer = expect(200, call("POST", "/api/customers/sites/" + SITE + "/customers/search", manager,
                        object("phone", walkIn.phone())));
                assertThat(customer.path("visits").valueStream().filter(v -> v.path("visitId").asString().equals(walkIn.visitId())))
                        .as("visit " + walkIn.visitId() + " in the customer's archive").hasSize(1);
                delivered += 1;
            }
        }
        for (String service : List.of("reception", "customers", "deals", "finance", "reports")) {
            JsonNode deadLetters = expect(200, call("GET", "/api/" + service + "/dead-letters", admin, null));
            assertThat(deadLetters.path("pending").asInt()).as("dead letters of " + service + ": " + deadLetters).isZero();
        }
        for (int port : List.of(office.ports().management().reception(), office.ports().management().customer(), office.ports().management().deal(),
                office.ports().management().finance(), office.ports().management().reporting())) {
            JsonNode health = direct(port, "/actuator/health/dead-letters");
            assertThat(health.path("components").path("outbox").path("details").path("parked").asInt())
                    .as("parked outbox events on :" + port).isZero();
        }
        return delivered;
    }

    // ---- what the office is asked to do ----

    /** A rep holds the next unit of the fault building for the demo customer; null if it was not accepted. */
    static Journey hold(Fault fault, String rep) {
        int next = nextUnit.getAndIncrement();
        if (next >= units.size()) {
            return null; // the building is sold out: the load goes on with walk-ins
        }
        String unit = units.get(next);
        Answer answer = call("POST", "/api/deals/sites/" + SITE + "/units/" + unit + "/hold", rep, object("customerId", customerId));
        if (answer.status() != 201) {
            fault.refused.incrementAndGet();
            return null;
        }
        fault.accepted.incrementAndGet();
        Journey journey = new Journey(unit);
        journeys.add(journey);
        return journey;
    }

    static Journey request(Fault fault, String rep, Journey journey) {
        if (journey == null) {
            throw new IllegalStateException("the hold was not accepted");
        }
        Answer answer = call("POST", "/api/deals/sites/" + SITE + "/units/" + journey.unitId + "/deposit-request", rep,
                object("kind", "BIG", "amount", BIG_DEPOSIT, "buyer", object("name", "孙丽华", "phone", "13800138000",
                        "address", "上海市浦东新区滨江大道2889弄6号1201室", "postcode", "200120")));
        if (answer.status() != 201) {
            fault.refused.incrementAndGet();
            throw new IllegalStateException("deposit request refused: " + answer);
        }
        fault.accepted.incrementAndGet();
        journey.requestId = answer.body().path("request").path("requestId").asString();
        return journey;
    }

    /**
     * The finance desk confirms, as a cashier does: a 503 or no answer (a service just
     * restarted on a crowded machine) is tried again with the same payment; if the first
     * attempt did go through, the desk is told which receipt took it.
     */
    static void confirm(Fault fault, String finance, Journey journey) {
        Map<String, Object> payment = object("amount", BIG_DEPOSIT, "method", "TRANSFER", "reference", "FAULT-" + journey.requestId);
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (true) {
            Answer answer = call("POST", "/api/finance/deposit-requests/" + journey.requestId + "/confirmation", finance, payment);
            if (answer.status() == 201 || answer.status() == 200) {
                journey.receiptNo = answer.body().path("receiptNo").asString();
                break;
            }
            java.util.regex.Matcher taken = java.util.regex.Pattern.compile(SITE + "-\\d{4}-\\d{6}").matcher(answer.raw());
            if (answer.status() == 409 && answer.raw().contains("deposit-already-confirmed") && taken.find()) {
                journey.receiptNo = taken.group();
                break;
            }
            assertThat(answer.status() == 503 || answer.status() == -1 || answer.status() == 504)
                    .as("confirmation of " + journey.requestId + ": " + answer).isTrue();
            assertThat(System.nanoTime() - deadline).as("confirmation of " + journey.requestId + " never accepted: " + answer).isNegative();
            fault.refused.incrementAndGet();
            sleep(2_000);
        }
        fault.accepted.incrementAndGet();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void walkIn(Fault fault, String desk) {
        String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        Answer answer = call("POST", "/api/reception/sites/" + SITE + "/visits", desk,
                object("requestId", "fault-" + UUID.randomUUID(), "phone", phone));
        if (answer.status() != 201) {
            fault.refused.incrementAndGet();
            return;
        }
        fault.accepted.incrementAndGet();
        // the site's day when the desk answered: a check after midnight in Shanghai still reads this walk-in's day
        walkIns.add(new WalkIn(answer.body().path("visitId").asString(), phone, LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()));
    }

    static int queued(String finance, String requestId) {
        return queue(finance).getOrDefault(requestId, 0);
    }

    /** The finance desk's queue: how often each request id is on it. */
    static Map<String, Integer> queue(String finance) {
        JsonNode queue = expect(200, call("GET", "/api/finance/sites/" + SITE + "/deposit-requests", finance, null));
        Map<String, Integer> counts = new LinkedHashMap<>();
        queue.forEach(item -> counts.merge(item.path("requestId").asString(), 1, Integer::sum));
        return counts;
    }

    // ---- HTTP, with a deadline on every request ----

    record Answer(int status, JsonNode body, String raw) {
    }

    static Answer call(String method, String path, String token, Object body) {
        return send(method, path, token, body == null ? null : JSON.writeValueAsString(body), "application/json");
    }

    static Answer send(String method, String path, String token, String body, String type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                // kept raw
            }
            return new Answer(response.statusCode(), json, response.body());
        } catch (java.io.IOException e) {
            return new Answer(-1, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null, e.toString());
        }
    }

    static JsonNode direct(int port, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + " on :" + port).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(path + " on :" + port + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode expect(int status, Answer answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        return answer.body();
    }
}
