package io.anchang.deal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.anchang.deal.DealFixture.manager;
import static io.anchang.deal.DealFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

/** R-DEAL-1 on opening day (开盘, 抢房): many reps race for few units over the wire; no unit is held twice. */
class OpeningDayIntegrationTest extends DealIntegrationBase {

    static final String SITE = "OD01";
    static final int UNITS = 50;
    static final int ATTEMPTS = 500;
    static final int REPS = 20;
    static final Pattern HELD_BY = Pattern.compile("\"heldBy\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    @DisplayName("R-DEAL-1 R-DEAL-2 500 concurrent holds on 50 units: exactly 50 succeed, 450 get 409 naming the holder, no unit held twice")
    void fiveHundredRepsRaceForFiftyUnits() {
        DealFixture f = fixture();
        f.site(SITE);
        for (int r = 1; r <= REPS; r++) {
            f.customer(SITE, "od-c" + r, SITE + "-rep" + r);
        }
        List<String> rows = IntStream.range(0, UNITS).mapToObj(i -> (1000 + i) + "," + (i / 4 + 1) + ",3000000").toList();
        f.building(SITE, "K", rows);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> tokens = IntStream.rangeClosed(1, REPS).mapToObj(r -> rep(SITE, r)).toList();
        record Attempt(int rep, String unit, int status, String body) {
        }
        List<CompletableFuture<Attempt>> attempts = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            int rep = i % REPS + 1;
            String unit = SITE + "-K-" + (1000 + i % UNITS);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/deals/sites/" + SITE + "/units/" + unit + "/hold"))
                    .timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + tokens.get(rep - 1)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"od-c" + rep + "\"}")).build();
            attempts.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new Attempt(rep, unit, response.statusCode(), response.body())));
        }
        List<Attempt> done = attempts.stream().map(CompletableFuture::join).toList();

        List<Attempt> won = done.stream().filter(a -> a.status() == 201).toList();
        List<Attempt> lost = done.stream().filter(a -> a.status() == 409).toList();
        assertThat(won).hasSize(UNITS);
        assertThat(lost).hasSize(ATTEMPTS - UNITS);
        Map<String, String> winner = new HashMap<>();
        won.forEach(a -> assertThat(winner.put(a.unit(), SITE + "-rep" + a.rep())).as("unit %s won twice", a.unit()).isNull());
        assertThat(winner).hasSize(UNITS);
        for (Attempt a : lost) {
            assertThat(a.body()).contains("unit-already-held").contains("已被");
            Matcher heldBy = HELD_BY.matcher(a.body());
            assertThat(heldBy.find()).as(a.body()).isTrue();
            assertThat(heldBy.group(1)).as("the 409 names the one who won %s", a.unit()).isEqualTo(winner.get(a.unit()));
        }
        for (Map.Entry<String, String> unit : winner.entrySet()) {
            f.unit(SITE, unit.getKey()).jsonPath("$.status").isEqualTo("HELD").jsonPath("$.hold.repUserId").isEqualTo(unit.getValue());
        }
        web.get().uri("/api/deals/sites/{s}/buildings/K/board", SITE).headers(h -> h.setBearerAuth(manager(SITE)))
                .exchange().expectBody().jsonPath("$.counts.HELD").isEqualTo(UNITS).jsonPath("$.counts.AVAILABLE").doesNotExist();
    }
}
