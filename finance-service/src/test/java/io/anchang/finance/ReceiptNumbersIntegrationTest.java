package io.anchang.finance;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** R-FIN-1: receipt numbers are unique and gap-free per site, even when many payments arrive at once. */
class ReceiptNumbersIntegrationTest extends FinanceIntegrationBase {

    static final String SITE = "RN01";
    static final int PAYMENTS = 100;
    static final Pattern NUMBER = Pattern.compile("\"receiptNo\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    @DisplayName("R-FIN-1 100 concurrent payments at one site get 100 consecutive receipt numbers, no duplicates, no gaps")
    void concurrentPaymentsGetConsecutiveNumbers() {
        List<String> requests = IntStream.range(0, PAYMENTS).mapToObj(i -> java.util.UUID.randomUUID().toString()).toList();
        for (int i = 0; i < PAYMENTS; i++) {
            publishRequest(SITE, SITE + "-K-" + (100 + i), "SMALL", "10000", "2000000", requests.get(i));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> web.get()
                .uri("/api/finance/sites/{s}/deposit-requests", SITE).headers(h -> h.setBearerAuth(finance(SITE))).exchange()
                .expectBody(List.class).returnResult().getResponseBody().size() == PAYMENTS);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = finance(SITE);
        List<CompletableFuture<HttpResponse<String>>> sent = requests.stream().map(id -> http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/finance/deposit-requests/" + id + "/confirmation"))
                        .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"10000.00\",\"method\":\"CASH\"}")).build(),
                HttpResponse.BodyHandlers.ofString())).toList();
        List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isEqualTo(201));
        Set<String> numbers = answers.stream().map(a -> {
            Matcher m = NUMBER.matcher(a.body());
            assertThat(m.find()).isTrue();
            return m.group(1);
        }).collect(Collectors.toCollection(TreeSet::new));
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        Set<String> expected = IntStream.rangeClosed(1, PAYMENTS).mapToObj(n -> String.format("%s-%d-%06d", SITE, year, n))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(numbers).isEqualTo(expected);
    }
}
