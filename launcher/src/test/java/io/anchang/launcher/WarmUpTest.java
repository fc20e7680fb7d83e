package io.anchang.launcher;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WarmUpTest {

    private HttpServer gateway;
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> tokensAsked = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Long>> arrivals = new ConcurrentHashMap<>();

    @BeforeEach
    void aGatewayThatRecordsWhatItIsSent() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.setExecutor(Executors.newFixedThreadPool(4));
        gateway.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            arrivals.computeIfAbsent(exchange.getRequestHeaders().getFirst("Authorization"), user -> new ConcurrentLinkedQueue<>())
                    .add(System.nanoTime());
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 409 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    @Test
    void sendsAsManyRequestsAsAskedEachWithItsUsersTokenAskedOnce() throws Exception {
        WarmUp warmUp = new WarmUp("http://127.0.0.1:" + gateway.getAddress().getPort(), user -> {
            tokensAsked.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
            return "token-of-" + user;
        }, new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)), Duration.ZERO);
        List<WarmUp.Call> calls = WarmUp.everyday(List.of("SH01", "HZ01"));

        int answered = warmUp.run(calls, 250, 8, Duration.ofSeconds(60));

        assertThat(answered).isEqualTo(250);
        assertThat(seen).hasSize(250);
        // every call of the list went out, each with its own user's token
        for (WarmUp.Call call : calls) {
            assertThat(seen).contains(call.method() + " " + call.path() + " Bearer token-of-" + call.user());
        }
        // one sign-in per user, however many requests
        assertThat(tokensAsked.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }

    @Test
    void writesNothingOnlyReadsAHoldOnAHeldUnitAndAWalkInWithNoPhone() {
        List<WarmUp.Call> calls = WarmUp.everyday(List.of("SH01", "HZ01"));

        assertThat(calls).allSatisfy(call -> {
            assertThat(call.method()).isIn("GET", "POST");
            if (call.method().equals("POST") && call.path().endsWith("/hold")) {
                // the demo holds SH01's unit 1-204: the attempt is answered 409 and changes nothing
                assertThat(call.path()).endsWith("-" + DemoBuilding.BUILDING + "-204/hold");
                assertThat(call.user()).endsWith("-sales2");
            } else if (call.method().equals("POST")) {
                // a walk-in whose phone is not a phone: refused 400 before anything is written
                assertThat(call.path()).endsWith("/visits");
                assertThat(call.body()).contains("\"phone\":\"" + WarmUp.NOT_A_PHONE + "\"");
            }
        });
        assertThat(calls.stream().map(WarmUp.Call::path).map(path -> path.split("/")[2]).distinct())
                .containsExactlyInAnyOrderElementsOf(Set.of("deals", "reception", "customers", "finance"));
    }

    @Test
    void stopsAtItsTimeLimit() throws Exception {
        WarmUp warmUp = new WarmUp("http://127.0.0.1:" + gateway.getAddress().getPort(), user -> "t",
                new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)), Duration.ZERO);

        int answered = warmUp.run(WarmUp.everyday(List.of("SH01")), 1_000_000, 2, Duration.ZERO);

        assertThat(answered).isLessThanOrEqualTo(2);
    }

    @Test
    void keepsEachUserWithinHalfOfTheGatewaysLimit() throws Exception {
        // 600 requests per 10 s, the gateway's default: one request of a user every 33 ms at most
        Duration spacing = WarmUp.spacingWithin(600, Duration.ofSeconds(10));
        assertThat(spacing).isEqualTo(Duration.ofNanos(33_333_333));
        WarmUp warmUp = new WarmUp("http://127.0.0.1:" + gateway.getAddress().getPort(), user -> "token-of-" + user,
                new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)), spacing);

        long started = System.nanoTime();
        int answered = warmUp.run(WarmUp.everyday(List.of("SH01")), 60, 16, Duration.ofSeconds(60));
        long took = System.nanoTime() - started;

        assertThat(answered).isEqualTo(60);
        assertThat(arrivals).isNotEmpty();
        // the busiest user's requests are a spacing apart, so the run cannot end before their last turn: sixteen
        // senders unpaced would send all sixty within a few milliseconds (a lower bound; a slow machine only adds to it)
        int busiest = arrivals.values().stream().mapToInt(java.util.Collection::size).max().orElseThrow();
        assertThat(busiest).isGreaterThan(5);
        assertThat(took).isGreaterThanOrEqualTo(spacing.multipliedBy(busiest - 1).toNanos());
    }

    @Test
    void givesEachUserTurnsASpacingApartHoweverManyAskAtOnce() {
        Duration spacing = Duration.ofMillis(50);
        WarmUp warmUp = new WarmUp("http://127.0.0.1:1", user -> "token", new Progress(new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8)), spacing);
        long now = 1_000_000_000L;
        long step = spacing.toNanos();

        // sixteen senders asking for one user at the same moment are given turns a spacing apart
        for (int i = 0; i < 16; i++) {
            assertThat(warmUp.turn("sh01-sales1", now)).isEqualTo(now + i * step);
        }
        // another user is not held back by the first one's queue
        assertThat(warmUp.turn("sh01-manager", now)).isEqualTo(now);
        assertThat(warmUp.turn("sh01-manager", now + 1)).isEqualTo(now + step);
        // a user quiet for longer than a spacing goes at once
        assertThat(warmUp.turn("sh01-manager", now + 10 * step)).isEqualTo(now + 10 * step);
    }

    @Test
    void opensAsManyConnectionsToEachServiceAsABurstNeeds() throws Exception {
        // a gateway that answers a service's requests only once all ten of them have come: sent one after the other,
        // the first would wait out the 5 s and the burst would not count as answered at once
        HttpServer burstGateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        burstGateway.setExecutor(Executors.newFixedThreadPool(64));
        Map<String, java.util.concurrent.CountDownLatch> together = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> togetherCount = new ConcurrentHashMap<>();
        burstGateway.createContext("/", exchange -> {
            String service = exchange.getRequestURI().getPath().split("/")[2];
            java.util.concurrent.CountDownLatch all = together.computeIfAbsent(service, s -> new java.util.concurrent.CountDownLatch(10));
            all.countDown();
            try {
                if (all.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    togetherCount.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        burstGateway.start();
        try {
            WarmUp warmUp = new WarmUp("http://127.0.0.1:" + burstGateway.getAddress().getPort(), user -> "token-of-" + user,
                    new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)), Duration.ZERO);

            int answered = warmUp.wide(WarmUp.everyday(List.of("SH01", "HZ01")), 10, Duration.ofSeconds(30));

            assertThat(answered).isEqualTo(40);
            assertThat(togetherCount.keySet()).containsExactlyInAnyOrder("deals", "reception", "customers", "finance");
            assertThat(togetherCount.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(10));
        } finally {
            burstGateway.stop(0);
        }
    }
}
