package io.anchang.deal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static io.anchang.deal.DealFixture.control;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, 10: price lists are parsed on threads of their own; when those and their queue are taken, an upload is answered
 * 503 before any of it is parsed — nothing happened — with {@code Retry-After}, so the client knows it may simply send it again.
 */
class PriceListBusyIntegrationTest extends DealIntegrationBase {

    static final String SITE = "PB01";

    @Test
    @DisplayName("issue 9: an upload while every price-list thread and its queue are busy is 503 price-list-busy with Retry-After, nothing stored; sent again later it is imported")
    void aBusyPriceListReaderAnswers503WithRetryAfter() throws InterruptedException {
        DealFixture f = fixture();
        f.site(SITE);
        f.newBuilding(SITE, "B1");
        String csv = DealFixture.priceList(List.of("101,1,3000000", "102,1,3100000"));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(2);
        Runnable waiting = () -> {
            running.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        int taken = 0;
        try {
            // both threads busy first (so nothing leaves the queue afterwards), then every place in the queue taken
            PRICE_LIST_PARSING.schedule(waiting);
            PRICE_LIST_PARSING.schedule(waiting);
            assertThat(running.await(30, TimeUnit.SECONDS)).as("both price-list threads run a task").isTrue();
            try {
                for (; taken < 1_000; taken++) {
                    PRICE_LIST_PARSING.schedule(waiting);
                }
            } catch (RejectedExecutionException full) {
                // the scheduler refuses more tasks
            }
            try {
                for (int worker = 0; worker < 1_000; worker++, taken++) {
                    PRICE_LIST_PARSING.createWorker().schedule(waiting);
                }
            } catch (RejectedExecutionException full) {
                // and more workers' tasks: it is full
            }
            assertThat(taken).as("the scheduler is bounded").isLessThan(1_000);
            web.post().uri("/api/deals/sites/{s}/buildings/B1/price-list", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                    .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:price-list-busy")
                    .jsonPath("$.retryAfterSeconds").isEqualTo(5);
            web.get().uri("/api/deals/sites/{s}/buildings/B1/board", SITE).headers(h -> h.setBearerAuth(control(SITE))).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.floors.length()").isEqualTo(0);
        } finally {
            release.countDown();
        }
        // the threads free again, the same upload goes through
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> web.post()
                .uri("/api/deals/sites/{s}/buildings/B1/price-list", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange().returnResult(String.class).getStatus().value() == 201);
        f.unit(SITE, SITE + "-B1-102").jsonPath("$.listPrice").isEqualTo("3100000.00");
    }
}
