package io.anchang.reception;

import io.anchang.reception.adapter.client.HttpCustomerDirectory;
import io.anchang.reception.application.CustomerDirectory;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.reception.adapter.client.ServiceTokens;
import io.anchang.reception.application.DeskChanges;
import io.anchang.reception.application.ReceivingVisitors;
import io.anchang.reception.application.Sites;
import io.anchang.reception.application.Visits;
import io.anchang.reception.domain.Visit;
import io.anchang.testing.Infrastructure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.anchang.reception.ReceptionFixture.aPhone;
import static io.anchang.reception.ReceptionFixture.manager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17: a burst of walk-ins at the desk with the real customer-service beside, healthy. The burst is absorbed —
 * its questions wait their turn and go to customer-service in batches — and degraded mode is for failure only: every
 * walk-in is attributed at once by customer-service, each by its own customer's rules, no turn handed out twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class WalkInBurstIntegrationTest {

    private static final int BURST = 100;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "reception-burst-it");
        registry.add("anchang.customer.uri", () -> CustomerServiceBeside.shared().uri());
        // what is proven here is that a burst is queued, not degraded; a call's time limit is proven elsewhere
        // (HttpCustomerDirectoryTest, DegradedModeIntegrationTest) and must not fire on a starved test machine
        registry.add("anchang.customer.timeout", () -> "20s");
    }

    @Autowired
    WebTestClient web;

    @Autowired
    CustomerDirectory customers;

    @Test
    @DisplayName("R-ATT-1 R-ATT-4 R-REC-1 100 walk-ins at once, customer-service healthy: none in degraded mode, each attributed by its own customer, no turn twice, in batches")
    void aBurstOfWalkInsIsAttributedNotDegraded() throws Exception {
        WebTestClient patient = web.mutate().responseTimeout(Duration.ofSeconds(120)).build();
        FrontDesk desk = FrontDesk.aNewSite(patient, "WB");
        desk.rotation(1, 2, 3, 4);
        // four customers known before the burst, one of each rep (R-ATT-1: the first registration decides)
        Map<String, String> ownerOf = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            String phone = aPhone();
            Map<String, Object> first = desk.walkIn(phone);
            assertThat(first.get("attributionPending")).isEqualTo(false);
            ownerOf.put(phone, (String) first.get("servedBy"));
            desk.seeOff(first);
        }
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            phones.add(i % 25 == 10 ? new ArrayList<>(ownerOf.keySet()).get(i / 25) : aPhone());
        }
        HttpCustomerDirectory directory = (HttpCustomerDirectory) customers;
        long callsBefore = directory.callsMade();
        long questionsBefore = directory.questionsAsked();

        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        ConcurrentLinkedQueue<Map<String, Object>> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (String phone : phones) {
            pool.submit(() -> {
                try {
                    Map<String, Object> answer = desk.walkInWith(UUID.randomUUID().toString(), phone);
                    answer.put("phone", phone);
                    answers.add(answer);
                } catch (Throwable failed) {
                    failures.add(failed);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(180, TimeUnit.SECONDS)).isTrue();

        assertThat(failures).isEmpty();
        assertThat(answers).hasSize(BURST);
        assertThat(answers).as("issue 17: none in degraded mode while customer-service is healthy")
                .allSatisfy(answer -> assertThat(answer.get("attributionPending")).isEqualTo(false));
        for (Map<String, Object> answer : answers) {
            String owner = ownerOf.get((String) answer.get("phone"));
            if (owner != null) {
                assertThat(answer.get("ownerRep")).as("R-ATT-4 R-ATT-7 a known customer stays its owner's").isEqualTo(owner);
            } else if (answer.get("servedBy") != null) {
                assertThat(answer.get("ruleId")).isEqualTo("R-ATT-1");
                assertThat(answer.get("ownerRep")).as("R-ATT-1 a new customer is the receiver's").isEqualTo(answer.get("servedBy"));
            }
            assertThat(answer.get("ruleId")).isNotNull();
        }
        List<Object> onATurn = answers.stream().filter(a -> Boolean.TRUE.equals(a.get("usedTurn"))).map(a -> a.get("servedBy")).toList();
        assertThat(onATurn).as("R-REC-1 no turn handed out twice").doesNotHaveDuplicates();
        assertThat(answers.stream().map(a -> a.get("visitId"))).doesNotHaveDuplicates();

        long calls = directory.callsMade() - callsBefore;
        long asked = directory.questionsAsked() - questionsBefore;
        System.out.printf("walk-in burst: %d walk-ins, %d questions to customer-service in %d calls (%.2f calls per walk-in)%n",
                BURST, asked, calls, calls / (double) BURST);
        assertThat(asked).as("each walk-in asked once").isEqualTo(BURST);
        assertThat(calls).as("the burst's questions went together").isLessThan(BURST);

        patient.get().uri("/api/reception/sites/{site}/visits?pending=true", desk.site).headers(h -> h.setBearerAuth(manager(desk.site)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
    }

    @Test
    @DisplayName("R-REC-3 flow 1 idempotency: a walk-in's place in the queue is given back whatever happens — answered, replayed (same request id), a call — none is kept")
    void placesAreGivenBack() {
        FrontDesk desk = FrontDesk.aNewSite(web, "WP");
        desk.rotation(1, 2);
        String requestId = UUID.randomUUID().toString();
        String phone = aPhone();
        Map<String, Object> first = desk.walkInWith(requestId, phone);
        Map<String, Object> replayed = desk.walkInWith(requestId, phone);
        assertThat(replayed.get("visitId")).isEqualTo(first.get("visitId"));
        desk.call(aPhone(), desk.rep(2));
        HttpCustomerDirectory directory = (HttpCustomerDirectory) customers;
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(directory.reservedPlaces()).isZero();
            assertThat(directory.queued()).isZero();
        });
    }

    @Autowired
    Sites sites;

    @Autowired
    Visits visits;

    @Autowired
    DeskChanges desks;

    @Autowired
    Clock clock;

    @Autowired
    ServiceTokens tokens;

    @Autowired
    JsonMapper mapper;

    @Test
    @DisplayName("R-REC-1 issue 17: with the queue to customer-service full, a walk-in is refused 503 before anything is written — no entry, no turn — and goes through once a place is free")
    void aFullQueueRefusesBeforeAnythingIsWritten() {
        FrontDesk desk = FrontDesk.aNewSite(web, "WF");
        desk.rotation(1, 2);
        List<String> order = desk.turnOrder();
        WebClient client = WebClient.builder().baseUrl(CustomerServiceBeside.shared().uri()).build();
        HttpCustomerDirectory directory = new HttpCustomerDirectory(client, tokens,
                HttpCustomerDirectory.breaker("customer-service-full", 10, Duration.ofSeconds(10)), mapper,
                new HttpCustomerDirectory.Limits(Duration.ofSeconds(10), 2, 50, 128 * 1024, 1));
        ReceivingVisitors receiving = new ReceivingVisitors(sites, visits, desks, directory, clock);
        Caller clerk = new Caller(desk.rep(1), "张三", Set.of(Role.SALES), SiteScope.of(desk.site));
        String requestId = UUID.randomUUID().toString();
        ReceivingVisitors.WalkIn walkIn = new ReceivingVisitors.WalkIn(requestId, aPhone(), null, null, null);

        CustomerDirectory.Place taken = directory.reserve();
        assertThatThrownBy(() -> receiving.walkIn(clerk, desk.site, walkIn).block(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ProblemException.class, busy -> assertThat(busy.status()).isEqualTo(503));
        String visitId = Visit.idFor(desk.site, Channel.VISIT, requestId);
        assertThat(visits.find(clerk.scope(), desk.site, visitId).blockOptional()).as("a 503 means nothing happened").isEmpty();
        assertThat(desk.turnOrder()).isEqualTo(order);
        assertThat(desk.up()).isEqualTo(desk.rep(1));
        assertThat(directory.callsMade()).isZero();

        taken.release();
        ReceivingVisitors.Registered registered = receiving.walkIn(clerk, desk.site, walkIn).block(Duration.ofSeconds(60));
        assertThat(registered.visit().attributionPending()).isFalse();
        assertThat(registered.visit().servedBy()).isEqualTo(desk.rep(1));
        assertThat(directory.reservedPlaces()).isZero();
    }
}
