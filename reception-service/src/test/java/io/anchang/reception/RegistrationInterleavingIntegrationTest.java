package io.anchang.reception;

import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.reception.application.CustomerDirectory;
import io.anchang.reception.application.DeskChanges;
import io.anchang.reception.application.ReceivingVisitors;
import io.anchang.reception.application.RecoveringWalkIns;
import io.anchang.reception.application.Sites;
import io.anchang.reception.application.Visits;
import io.anchang.reception.application.WorkingTheDesk;
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
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.anchang.reception.ReceptionFixture.aPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Flow 1's writes interleaved with the desk's other changes ("nothing lost"): a customer the registration queued can
 * be handed to a rep by another request's change of the desk (a see-off, a rep back, the MANAGER assigning) before
 * the registration has written the register entry. Whatever the order, the entry ends as the board says, and
 * {@code reception.visit-registered} is published exactly once per walk-in, before the {@code reception.visit-served}
 * that hands the customer to a rep.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RegistrationInterleavingIntegrationTest {

    private static final String REGISTERED = "reception.visit-registered";
    private static final String SERVED = "reception.visit-served";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "reception-interleaving-it");
        registry.add("anchang.customer.uri", () -> CustomerServiceBeside.shared().uri());
        // the test runs the recovery itself, so that it knows when: only the run on start is scheduled
        registry.add("anchang.reception.recovery.every", () -> "1h");
    }

    /** customer-service does not answer: the desk registers in degraded mode, which the interleavings do not depend on. */
    private static final CustomerDirectory SILENT = (site, request) -> Mono.error(new CustomerDirectory.Unavailable("not asked", null));

    @Autowired
    WebTestClient web;

    @Autowired
    Sites sites;

    @Autowired
    Visits visits;

    @Autowired
    DeskChanges desks;

    @Autowired
    WorkingTheDesk working;

    @Autowired
    Clock clock;

    @Test
    @DisplayName("R-REC-9 R-REC-3 a see-off hands a just-queued walk-in to the freed rep before its registration writes the register entry: the entry says that rep serves, as the board does, and reception.visit-registered (queued) is published once, before its reception.visit-served")
    void aWalkInHandedToARepBeforeItsEntryIsWrittenIsRegisteredOnce() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RI");
        Interleaved walkIn = seeOffBeforeTheEntry(desk, false);

        Visit registered = walkIn.registering().block(Duration.ofSeconds(60)).visit();
        String visitId = walkIn.visitId();

        assertThat(registered.state()).isEqualTo(Visit.State.SERVING);
        Map<String, Object> entry = desk.visit("visitId", Map.of("visitId", visitId));
        assertThat(entry.get("state")).isEqualTo("SERVING");
        assertThat(entry.get("servedBy")).isEqualTo(desk.rep(1));
        assertThat(entry.get("usedTurn")).isEqualTo(true);
        assertThat(entry.get("attributionPending")).isEqualTo(true);
        assertThat(desk.serving()).containsExactly(Map.entry(desk.rep(1), visitId));
        assertThat((List<?>) desk.board().get("queue")).isEmpty();
        assertThat(VisitEvents.registered(List.of(visitId)).get(visitId)).as("what the topic says about the walk-in, in order")
                .containsExactly(REGISTERED, SERVED);
    }

    @Test
    @DisplayName("R-REC-9 R-REC-3 the process that queued a walk-in dies before writing its entry, and a see-off hands the customer to a rep meanwhile: recovery writes the entry as the board says, reception.visit-registered (queued) once, then reception.visit-served")
    void aWalkInHandedToARepWhileItsRegistrationDiedIsRecoveredInOrder() {
        FrontDesk desk = FrontDesk.aNewSite(web, "RJ");
        Interleaved walkIn = seeOffBeforeTheEntry(desk, true);
        String visitId = walkIn.visitId();
        assertThatThrownBy(() -> walkIn.registering().block(Duration.ofSeconds(60))).hasMessageContaining("died");
        assertThat(desk.serving()).as("the desk handed the customer to rep1").containsExactly(Map.entry(desk.rep(1), visitId));

        assertThat(new RecoveringWalkIns(sites, visits, desks, clock, Duration.ZERO).recover().block(Duration.ofSeconds(60)))
                .isPositive();

        Map<String, Object> entry = desk.visit("visitId", Map.of("visitId", visitId));
        assertThat(entry.get("state")).isEqualTo("SERVING");
        assertThat(entry.get("servedBy")).isEqualTo(desk.rep(1));
        assertThat(desk.serving()).containsExactly(Map.entry(desk.rep(1), visitId));
        assertThat(VisitEvents.registered(List.of(visitId)).get(visitId)).containsExactly(REGISTERED, SERVED);
    }

    @Test
    @DisplayName("R-REC-9 R-REC-3 many walk-ins with no rep free while the reps see their customers off: every entry ends as the board says, each walk-in has exactly one reception.visit-registered, before any reception.visit-served of it")
    void concurrentWalkInsAndSeeOffsLoseNoRegistration() throws Exception {
        FrontDesk desk = FrontDesk.aNewSite(web, "RK");
        desk.rotation(1, 2);
        int count = 16;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        ConcurrentLinkedQueue<String> arrived = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            pool.submit(() -> arrived.add((String) desk.walkIn(aPhone()).get("visitId")));
        }
        // meanwhile, and after, the reps see off whoever they serve, until everyone has been served and seen off
        List<String> seenOff = new ArrayList<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (Object visitId : desk.serving().values()) {
                Map<String, Object> visit = desk.visit("visitId", Map.of("visitId", visitId));
                if ("SERVING".equals(visit.get("state"))) {
                    desk.seeOff(visit);
                    seenOff.add((String) visitId);
                }
            }
            return seenOff.size() == count;
        });
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

        assertThat(arrived).hasSize(count).containsExactlyInAnyOrderElementsOf(seenOff);
        assertThat(desk.serving()).isEmpty();
        assertThat((List<?>) desk.board().get("queue")).isEmpty();
        for (String visitId : arrived) {
            assertThat(desk.visit("visitId", Map.of("visitId", visitId)).get("state")).isEqualTo("SEEN_OFF");
        }
        Map<String, List<String>> events = VisitEvents.registered(arrived);
        assertThat(events).allSatisfy((visitId, types) -> {
            assertThat(types).as("visit %s", visitId).filteredOn(REGISTERED::equals).hasSize(1);
            assertThat(types.indexOf(REGISTERED)).as("visit %s", visitId).isZero();
        });
    }

    /** A walk-in being registered, and its visit id. */
    private record Interleaved(String visitId, Mono<ReceivingVisitors.Registered> registering) {
    }

    /**
     * rep1, alone on the rotation, serves a first customer; the next walk-in finds nobody free and is queued, and just
     * before its registration writes the register entry rep1 sees the first customer off, which hands them the walk-in.
     * With {@code dies} the registration never writes the entry.
     */
    private Interleaved seeOffBeforeTheEntry(FrontDesk desk, boolean dies) {
        desk.rotation(1);
        Map<String, Object> first = desk.walkIn(aPhone());
        assertThat(first.get("servedBy")).isEqualTo(desk.rep(1));
        String requestId = UUID.randomUUID().toString();
        String visitId = Visit.idFor(desk.site, Channel.VISIT, requestId);
        Mono<Visit> seeOff = working.seeOff(rep(desk, 1), desk.site, (String) first.get("visitId"));
        ReceivingVisitors receiving = new ReceivingVisitors(sites, new RegisterInterleaving(visits, visitId, seeOff, dies), desks,
                SILENT, clock);
        return new Interleaved(visitId, receiving.walkIn(rep(desk, 1), desk.site,
                new ReceivingVisitors.WalkIn(requestId, aPhone(), null, Statement.none(), null)));
    }

    private static Caller rep(FrontDesk desk, int n) {
        return new Caller(desk.rep(n), "rep" + n, Set.of(Role.SALES), SiteScope.of(desk.site));
    }
}
