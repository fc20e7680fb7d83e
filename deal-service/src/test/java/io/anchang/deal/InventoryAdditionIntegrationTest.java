package io.anchang.deal;

import io.anchang.deal.application.Buildings;
import io.anchang.deal.application.ManagingInventory;
import io.anchang.deal.application.Units;
import io.anchang.deal.domain.Unit;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.anchang.deal.DealFixture.control;
import static io.anchang.deal.DealFixture.manager;
import static io.anchang.deal.DealFixture.payload;
import static io.anchang.deal.DealFixture.priceList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * R-DEAL-1, R-SEC-4 over the wire: additions of units to one building are all or nothing against
 * each other, without multi-document transactions, and an addition interrupted halfway is completed.
 */
class InventoryAdditionIntegrationTest extends DealIntegrationBase {

    static final String SITE = "IA01";
    static final int IMPORTERS = 6;
    static final List<String> SHARED = IntStream.rangeClosed(101, 110).mapToObj(String::valueOf).toList();

    @Autowired
    Buildings buildings;

    @Autowired
    Units units;

    @Autowired
    LocalSiteDirectory directory;

    @Autowired
    ManagingInventory inventory;

    DealFixture f;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Answer(String who, int status, String body) {
        boolean created() {
            return status == 201;
        }
    }

    @BeforeEach
    void site() {
        f = fixture();
        f.site(SITE);
    }

    @Test
    @DisplayName("R-DEAL-1 R-SEC-4 concurrent price lists of one building sharing unit numbers: exactly one is stored in full, every other is answered 409 or 400 and stores nothing; one unit-added entry per stored unit, counting the units stored")
    void concurrentImportsOfOneBuilding() {
        f.newBuilding(SITE, "C1");
        List<CompletableFuture<Answer>> sent = new ArrayList<>();
        for (int i = 1; i <= IMPORTERS; i++) {
            // every list has the floor 1 units, at its own price, and a floor 2 unit no other list has
            int importer = i;
            List<String> rows = Stream.concat(SHARED.stream().map(n -> n + ",1," + price(importer)),
                    Stream.of("20" + importer + ",2,2000000")).toList();
            sent.add(importing("importer " + importer, "C1", priceList(rows)));
        }
        List<Answer> answers = sent.stream().map(CompletableFuture::join).toList();

        List<Answer> won = answers.stream().filter(Answer::created).toList();
        assertThat(won).as("answers %s", answers).hasSize(1);
        int winner = Integer.parseInt(won.get(0).who().substring("importer ".length()));
        answers.stream().filter(a -> !a.created()).forEach(InventoryAdditionIntegrationTest::lostNamingTheUnits);

        List<String> stored = Stream.concat(SHARED.stream(), Stream.of("20" + winner)).toList();
        SHARED.forEach(n -> f.unit(SITE, SITE + "-C1-" + n).jsonPath("$.listPrice").isEqualTo(price(winner) + ".00"));
        for (int i = 1; i <= IMPORTERS; i++) {
            if (i != winner) {
                absent("C1", "20" + i);
            }
        }
        board("C1").jsonPath("$.counts.AVAILABLE").isEqualTo(stored.size());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> added = DealFixture.entries(f.audit(SITE), "deal.unit-added", SITE + "-C1-");
            assertThat(added).extracting(e -> e.get("subject"))
                    .containsExactlyInAnyOrderElementsOf(stored.stream().map(n -> SITE + "-C1-" + n).toList());
            assertThat(added).extracting(e -> payload(e).path("imported").asInt()).containsOnly(stored.size());
            assertThat(payload(added.get(0)).path("importId").asString()).isNotBlank();
            assertThat(added).extracting(e -> payload(e).path("importId").asString())
                    .containsOnly(payload(added.get(0)).path("importId").asString());
        });
    }

    @Test
    @DisplayName("R-DEAL-1 units entered by hand while a price list is imported: a unit of a number the list has is stored, or the list, never both; units of other numbers are stored beside it")
    void unitsByHandDuringAnImport() {
        f.newBuilding(SITE, "C2");
        List<String> clashing = List.of("103", "106", "109");
        List<String> beside = List.of("301", "302");
        CompletableFuture<Answer> list = importing("list", "C2", priceList(SHARED.stream().map(n -> n + ",1,3100000").toList()));
        List<CompletableFuture<Answer>> byHand = Stream.concat(clashing.stream(), beside.stream())
                .map(n -> entering(n, "C2", n.substring(0, 1))).toList();
        Answer imported = list.join();
        List<Answer> entered = byHand.stream().map(CompletableFuture::join).toList();

        assertThat(entered.stream().filter(a -> beside.contains(a.who()))).allMatch(Answer::created);
        List<Answer> clashed = entered.stream().filter(a -> clashing.contains(a.who())).toList();
        if (imported.created()) {
            clashed.forEach(InventoryAdditionIntegrationTest::lostNamingTheUnits);
            SHARED.forEach(n -> f.unit(SITE, SITE + "-C2-" + n).jsonPath("$.listPrice").isEqualTo("3100000.00"));
        } else {
            lostNamingTheUnits(imported);
            assertThat(clashed).as("the list lost to units by hand: each of them was stored").allMatch(Answer::created);
            clashing.forEach(n -> f.unit(SITE, SITE + "-C2-" + n).jsonPath("$.layout").isEqualTo("两室"));
            SHARED.stream().filter(n -> !clashing.contains(n)).forEach(n -> absent("C2", n));
        }
        List<String> stored = Stream.concat(imported.created() ? SHARED.stream() : clashing.stream(), beside.stream()).toList();
        board("C2").jsonPath("$.counts.AVAILABLE").isEqualTo(stored.size());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                DealFixture.entries(f.audit(SITE), "deal.unit-added", SITE + "-C2-")).extracting(e -> e.get("subject"))
                .containsExactlyInAnyOrderElementsOf(stored.stream().map(n -> SITE + "-C2-" + n).toList()));
    }

    @Test
    @DisplayName("R-DEAL-1 R-SEC-4 a price list interrupted after two of five units is completed when it is imported again: its rows count as done, a changed row is reported, and each unit is on the audit trail once, counting five")
    void anInterruptedImportIsCompletedByItsRetry() {
        f.newBuilding(SITE, "X1");
        List<String> rows = List.of("501,5,3000000", "502,5,3000000", "503,5,3000000", "504,5,3000000", "505,5,3000000");
        dyingAfterTwoUnits("X1", rows);

        List<String> changed = new ArrayList<>(rows);
        changed.set(3, "504,5,2999999");
        web.post().uri("/api/deals/sites/{s}/buildings/X1/price-list", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(priceList(changed)).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].row").isEqualTo(5)
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("504", "中断"));
        web.post().uri("/api/deals/sites/{s}/buildings/X1/price-list", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(priceList(rows)).exchange()
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.imported").isEqualTo(0)
                .jsonPath("$.alreadyStored").isEqualTo(5)
                .jsonPath("$.units.length()").isEqualTo(5);

        board("X1").jsonPath("$.counts.AVAILABLE").isEqualTo(5);
        f.unit(SITE, SITE + "-X1-504").jsonPath("$.listPrice").isEqualTo("3000000.00");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> added = DealFixture.entries(f.audit(SITE), "deal.unit-added", SITE + "-X1-");
            assertThat(added).extracting(e -> e.get("subject"))
                    .containsExactlyInAnyOrder(SITE + "-X1-501", SITE + "-X1-502", SITE + "-X1-503", SITE + "-X1-504", SITE + "-X1-505");
            assertThat(added).extracting(e -> payload(e).path("imported").asInt()).containsOnly(5);
            assertThat(added).extracting(e -> payload(e).path("importId").asString())
                    .containsOnly(payload(added.get(0)).path("importId").asString());
            assertThat(added).extracting(e -> payload(e).path("addedBy").asString()).containsOnly("ctl-" + SITE);
            assertThat(added).filteredOn(e -> ((String) e.get("reason")).contains("中断"))
                    .extracting(e -> e.get("subject")).containsExactlyInAnyOrder(SITE + "-X1-503", SITE + "-X1-504", SITE + "-X1-505");
        });
    }

    @Test
    @DisplayName("R-DEAL-1 a price list interrupted halfway that nobody imports again is completed by the service itself")
    void anInterruptedImportIsCompletedByTheService() {
        f.newBuilding(SITE, "X2");
        dyingAfterTwoUnits("X2", List.of("601,6,3000000", "602,6,3000000", "603,6,3000000", "604,6,3000000"));

        inventory.completeInterrupted(Instant.now()).block();

        board("X2").jsonPath("$.counts.AVAILABLE").isEqualTo(4);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                DealFixture.entries(f.audit(SITE), "deal.unit-added", SITE + "-X2-")).extracting(e -> e.get("subject"))
                .containsExactlyInAnyOrder(SITE + "-X2-601", SITE + "-X2-602", SITE + "-X2-603", SITE + "-X2-604"));
    }

    /**
     * SALES_CONTROL imported {@code rows} ten minutes ago, and the service died after storing two
     * of their units: the import is claimed, the rest never stored.
     */
    private void dyingAfterTwoUnits(String building, List<String> rows) {
        Units dying = new Units() {
            @Override
            public Mono<Long> add(Caller caller, List<Unit> toAdd, Function<Unit, PendingEvent> added) {
                return units.add(caller, toAdd.subList(0, 2), added).then(Mono.error(new IllegalStateException("the service died")));
            }

            @Override
            public Mono<Unit> find(SiteScope scope, String site, String unitId) {
                return units.find(scope, site, unitId);
            }

            @Override
            public Flux<Unit> ofBuilding(SiteScope scope, String site, String buildingCode) {
                return units.ofBuilding(scope, site, buildingCode);
            }

            @Override
            public Mono<Unit> ofDeal(SiteScope scope, String site, String dealId) {
                return units.ofDeal(scope, site, dealId);
            }

            @Override
            public Mono<Boolean> save(Caller caller, Unit unit, List<PendingEvent> events) {
                return units.save(caller, unit, events);
            }

            @Override
            public Flux<Unit> lapsedBy(Instant now) {
                return units.lapsedBy(now);
            }

            @Override
            public Flux<Unit> agreementsToNumber() {
                return units.agreementsToNumber();
            }

            @Override
            public Flux<Unit> withDeals(io.anchang.platform.security.SiteScope scope, String site) {
                return units.withDeals(scope, site);
            }

            @Override
            public Flux<Unit> moving() {
                return units.moving();
            }

            @Override
            public Flux<Unit> bigDeposits() {
                return units.bigDeposits();
            }
        };
        ManagingInventory tenMinutesAgo = new ManagingInventory(buildings, dying, directory,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)), Duration.ofMinutes(2));
        Caller clerk = new Caller("ctl-" + SITE, "销控", Set.of(Role.SALES_CONTROL), SiteScope.of(SITE));
        List<List<String>> table = priceList(rows).lines().map(line -> Arrays.asList(line.split(","))).toList();
        assertThatThrownBy(() -> tenMinutesAgo.importPriceList(clerk, SITE, building, table).block())
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo("addition-incomplete"));
    }

    private static String price(int importer) {
        return String.valueOf(3_000_000 + importer * 1000);
    }

    /** A loser's answer: 409 if it lost the claim, 400 if it was checked after the winner claimed, naming the units either way. */
    private static void lostNamingTheUnits(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isIn(400, 409);
        if (answer.status() == 409) {
            assertThat(answer.body()).as(answer.toString()).contains("units-changed-meanwhile", "本楼栋的房源刚被他人修改");
        } else {
            assertThat(answer.body()).as(answer.toString()).contains("price-list-invalid", "已存在");
        }
        assertThat(SHARED).as(answer.toString()).anyMatch(answer.body()::contains);
    }

    private CompletableFuture<Answer> importing(String who, String building, String csv) {
        return send(who, "/buildings/" + building + "/price-list", "text/csv", csv);
    }

    private CompletableFuture<Answer> entering(String number, String building, String floor) {
        return send(number, "/buildings/" + building + "/units", "application/json", "{\"number\":\"" + number + "\",\"floor\":" + floor
                + ",\"layout\":\"两室\",\"area\":88,\"listPrice\":\"2000000\"}");
    }

    private CompletableFuture<Answer> send(String who, String path, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/deals/sites/" + SITE + path))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + control(SITE))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(who, response.statusCode(), response.body()));
    }

    private void absent(String building, String number) {
        web.get().uri("/api/deals/sites/{s}/units/{u}", SITE, SITE + "-" + building + "-" + number)
                .headers(h -> h.setBearerAuth(manager(SITE))).exchange().expectStatus().isNotFound();
    }

    private WebTestClient.BodyContentSpec board(String building) {
        return web.get().uri("/api/deals/sites/{s}/buildings/{b}/board", SITE, building).headers(h -> h.setBearerAuth(manager(SITE)))
                .exchange().expectStatus().isOk().expectBody();
    }
}
