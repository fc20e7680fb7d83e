package io.anchang.reception.adapter.client;

import com.sun.net.httpserver.HttpServer;
import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.reception.application.CustomerDirectory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flow 1's question to customer-service under a burst: a healthy customer-service that answers
 * one question at a time is a queue, not a failure — every walk-in of the burst gets its answer
 * and the breaker stays closed; degraded mode is for a customer-service that fails (issue 17).
 */
class HttpCustomerDirectoryTest {

    private HttpServer server;
    private final AtomicInteger answering = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    /** customer-service as a stand-in: one question at a time, each {@code millis} long, or 500 for every question. */
    private String customerService(long millis, boolean failing) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/token", exchange -> {
            byte[] body = "{\"access_token\":\"reception-token\",\"expires_in\":300}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            int now = answering.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answering.decrementAndGet();
            byte[] body = (failing ? "{}" : """
                    {"visitId":"v","customerId":"c1","archiveNo":"A-1","phoneMasked":"138****0000","newCustomer":true,
                     "servedBy":"rep1","role":"RECEIVER","usesTurn":true,"ownerRep":"rep1","ruleId":"R-ATT-1","rule":"新客户"}
                    """).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(failing ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static AttributionRequest question(int i) {
        return new AttributionRequest("v" + i, Channel.VISIT, "+8613800000" + String.format("%03d", i), null, Instant.now(),
                "desk", Statement.none(), null, null, false, "desk");
    }

    private HttpCustomerDirectory directory(String uri, CircuitBreaker breaker, Duration timeout, int maxInFlight, Duration maxQueueWait) {
        WebClient web = WebClient.builder().baseUrl(uri).build();
        ServiceTokens tokens = new ServiceTokens(web, uri + "/token", "anchang-reception", "secret", timeout);
        return new HttpCustomerDirectory(web, tokens, breaker, timeout, maxInFlight, maxQueueWait);
    }

    @Test
    @DisplayName("flow 1: a burst of 60 walk-ins at a healthy customer-service that answers one at a time is queued, every one answered, the breaker closed")
    void aBurstIsQueuedNotDegraded() throws IOException {
        String uri = customerService(40, false);
        CircuitBreaker breaker = HttpCustomerDirectory.breaker("customer-service", 10, Duration.ofSeconds(10));
        // each question takes 40 ms; 60 at once take 2.4 s in all, more than the 1 s limit of one answer
        HttpCustomerDirectory directory = directory(uri, breaker, Duration.ofSeconds(1), 4, Duration.ofSeconds(30));

        List<Object> outcomes = Flux.range(0, 60)
                .flatMap(i -> directory.attribute("SH01", question(i)).<Object>map(answer -> answer)
                        .onErrorResume(CustomerDirectory.Unavailable.class, Mono::just), 60)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(outcomes).hasSize(60).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(AttributionAnswer.class));
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(directory.inFlight()).isZero();
    }

    @Test
    @DisplayName("flow 1 degraded: a customer-service that fails opens the breaker, and walk-ins go on in degraded mode")
    void failuresStillOpenTheBreaker() throws IOException {
        String uri = customerService(1, true);
        CircuitBreaker breaker = HttpCustomerDirectory.breaker("customer-service", 4, Duration.ofSeconds(10));
        HttpCustomerDirectory directory = directory(uri, breaker, Duration.ofSeconds(1), 4, Duration.ofSeconds(30));

        List<Object> outcomes = Flux.range(0, 12)
                .concatMap(i -> directory.attribute("SH01", question(i)).<Object>map(answer -> answer)
                        .onErrorResume(CustomerDirectory.Unavailable.class, Mono::just))
                .collectList().block(Duration.ofSeconds(60));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(CustomerDirectory.Unavailable.class));
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(outcomes.get(11)).extracting(o -> ((Throwable) o).getMessage()).isEqualTo("circuit breaker open");
    }

    @Test
    @DisplayName("flow 1: a question that finds no turn within its wait goes to degraded mode unasked and does not count against customer-service")
    void aQuestionThatWaitedTooLongIsNotAFailureOfCustomerService() throws IOException {
        String uri = customerService(300, false);
        CircuitBreaker breaker = HttpCustomerDirectory.breaker("customer-service", 2, Duration.ofSeconds(10));
        HttpCustomerDirectory directory = directory(uri, breaker, Duration.ofSeconds(5), 1, Duration.ofMillis(100));

        List<Object> outcomes = Flux.range(0, 5)
                .flatMap(i -> directory.attribute("SH01", question(i)).<Object>map(answer -> answer)
                        .onErrorResume(CustomerDirectory.Unavailable.class, Mono::just), 5)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(outcomes).filteredOn(AttributionAnswer.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(CustomerDirectory.Unavailable.class::isInstance).hasSize(4)
                .allSatisfy(o -> assertThat(((Throwable) o).getMessage()).startsWith("no turn to ask"));
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(mostAtOnce).hasValueLessThanOrEqualTo(1);
    }
}
