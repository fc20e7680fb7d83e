package io.anchang.finance;

import io.anchang.platform.events.Topics;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10: 100 deposit confirmations at one site at once, each sent a second time while the first
 * is still in flight — the cashier's retry of an answer that never came, with the same request. Every
 * answer is a receipt (201 for the one that recorded it, 200 for its repeat, the same number), never
 * a 409 about itself; 100 receipts in all, numbered without a gap; each confirmation published once.
 */
class ConfirmationBurstIntegrationTest extends FinanceIntegrationBase {

    static final String SITE = "CB01";
    static final int CONFIRMATIONS = 100;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    @DisplayName("R-FIN-1 R-FIN-2 issue 10: 100 confirmations at once, each repeated at once: 100 receipts, gap-free, every repeat answered with its receipt, each confirmation counted once")
    void aBurstOfConfirmationsWithRepeats() {
        List<String> requests = IntStream.range(0, CONFIRMATIONS).mapToObj(i -> UUID.randomUUID().toString()).toList();
        for (int i = 0; i < CONFIRMATIONS; i++) {
            publishRequest(SITE, SITE + "-K-" + (100 + i), "SMALL", "10000", "2000000", requests.get(i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> web.get().uri("/api/finance/sites/{s}/deposit-requests", SITE)
                .headers(h -> h.setBearerAuth(finance(SITE))).exchange().expectBody(List.class).returnResult().getResponseBody().size()
                == CONFIRMATIONS);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = finance(SITE);
        List<String> order = new ArrayList<>(requests);
        order.addAll(requests);
        java.util.Collections.shuffle(order, new java.util.Random(10));
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> sent = order.stream().map(id -> http.sendAsync(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/finance/deposit-requests/" + id + "/confirmation"))
                        .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"10000.00\",\"method\":\"CASH\"}")).build(),
                HttpResponse.BodyHandlers.ofString())).toList();

        Map<String, Set<String>> receiptsOf = new java.util.HashMap<>();
        Map<String, List<Integer>> statusesOf = new java.util.HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            HttpResponse<String> answer = sent.get(i).join();
            assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
            JsonNode receipt = JSON.readTree(answer.body());
            receiptsOf.computeIfAbsent(order.get(i), k -> new HashSet<>()).add(receipt.path("receiptNo").asString());
            statusesOf.computeIfAbsent(order.get(i), k -> new ArrayList<>()).add(answer.statusCode());
        }
        // printed, not asserted (timings are no test here): how long the burst took on this machine
        System.out.printf("confirmation burst: %d confirmations (each sent twice at once) answered in %.1f s%n", CONFIRMATIONS,
                (System.nanoTime() - started) / 1e9);
        // each request: one receipt, recorded by one of its two confirmations, the other answered with it
        assertThat(receiptsOf.values()).allSatisfy(numbers -> assertThat(numbers).hasSize(1));
        assertThat(statusesOf.values()).allSatisfy(statuses -> assertThat(statuses).containsExactlyInAnyOrder(200, 201));
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        Set<String> numbers = receiptsOf.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        assertThat(numbers).isEqualTo(IntStream.rangeClosed(1, CONFIRMATIONS).mapToObj(n -> String.format("%s-%d-%06d", SITE, year, n))
                .collect(Collectors.toCollection(TreeSet::new)));

        // each confirmation published once (R-FIN-2: the same payment counts once)
        Set<String> ours = new HashSet<>(requests);
        await().atMost(Duration.ofSeconds(60)).until(() -> TopicProbe.events(Topics.FINANCE, "finance.deposit-confirmed",
                p -> ours.contains(p.path("requestId").asString())).size() >= CONFIRMATIONS);
        List<JsonNode> confirmed = TopicProbe.events(Topics.FINANCE, "finance.deposit-confirmed", p -> ours.contains(p.path("requestId").asString()));
        assertThat(confirmed).hasSize(CONFIRMATIONS);
        assertThat(confirmed.stream().map(e -> e.path("payload").path("requestId").asString()).collect(Collectors.toSet())).isEqualTo(ours);
    }
}
