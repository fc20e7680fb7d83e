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

    @BeforeEach
    void aGatewayThatRecordsWhatItIsSent() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.setExecutor(Executors.newFixedThreadPool(4));
        gateway.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
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
        }, new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
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
    void writesNothingOnlyReadsAndAHoldOnAHeldUnit() {
        List<WarmUp.Call> calls = WarmUp.everyday(List.of("SH01", "HZ01"));

        assertThat(calls).allSatisfy(call -> {
            assertThat(call.method()).isIn("GET", "POST");
            if (call.method().equals("POST")) {
                // the demo holds SH01's unit 1-204: the attempt is answered 409 and changes nothing
                assertThat(call.path()).endsWith("-" + DemoBuilding.BUILDING + "-204/hold");
                assertThat(call.user()).endsWith("-sales2");
            }
        });
        assertThat(calls.stream().map(WarmUp.Call::path).map(path -> path.split("/")[2]).distinct())
                .containsExactlyInAnyOrderElementsOf(Set.of("deals", "reception", "customers", "finance"));
    }

    @Test
    void stopsAtItsTimeLimit() throws Exception {
        WarmUp warmUp = new WarmUp("http://127.0.0.1:" + gateway.getAddress().getPort(), user -> "t",
                new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));

        int answered = warmUp.run(WarmUp.everyday(List.of("SH01")), 1_000_000, 2, Duration.ZERO);

        assertThat(answered).isLessThanOrEqualTo(2);
    }
}
