package io.anchang.reception;

import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.events.Topics;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;
import io.anchang.reception.application.DeskChanges;
import io.anchang.reception.application.ReceivingVisitors;
import io.anchang.reception.application.RecoveringWalkIns;
import io.anchang.reception.application.Sites;
import io.anchang.reception.application.StalledReplica;
import io.anchang.platform.store.Stored;
import io.anchang.reception.application.Visits;
import io.anchang.reception.domain.Rotation;
import io.anchang.reception.domain.Site;
import io.anchang.reception.domain.Visit;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.anchang.reception.ReceptionFixture.aPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Walk-ins whose registration a dying process left half-done — the entry written RECEIVING, perhaps the rotation's rep
 * held for it, the customer never placed — are completed by the recovery (RecoveringWalkIns) as the degraded path
 * would: the held rep serves on their turn, or the customer waits in arrival order; attribution pending. Several
 * replicas recovering at once, a second run, or a replica that read the entry before another completed it hand out
 * no second turn. The half-done state is written here the way ReceivingVisitors writes it, through the same ports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class WalkInRecoveryIntegrationTest {

    private static final Duration GRACE = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "reception-recovery-it");
        registry.add("anchang.customer.uri", () -> CustomerServiceBeside.shared().uri());
        registry.add("anchang.reception.recovery.grace", GRACE::toString);
        // the test runs the recovery itself, so that it knows when: only the run on start is scheduled
        registry.add("anchang.reception.recovery.every", () -> "1h");
    }

    @Autowired
    WebTestClient web;

    @Autowired
    RecoveringWalkIns recovering;

    @Autowired
    Visits visits;

    @Autowired
    DeskChanges desks;

    @Autowired
    Sites sites;

    @Autowired
    ReceivingVisitors receiving;

    @Autowired
    Clock clock;

    @Test
    @DisplayName("R-REC-1 R-ATT-3 a walk-in left half-registered with the rotation's rep held for it: recovery has the held rep serve it on that one turn, attribution pending; replicas at once, a second run, a stale replica hand out no second turn")
    void theHeldRepServesARecoveredWalkIn() {
        FrontDesk desk = FrontDesk.aNewSite(web, "WR");
        desk.rotation(1, 2, 3);
        // the process died after holding rep1 for the walk-in, a minute ago (longer than the grace)
        HalfDone died = halfRegistered(desk, true);
        assertThat(died.heldRep()).isEqualTo(desk.rep(1));
        // meanwhile the desk goes on: the held rep is skipped, the next walk-in goes to rep2
        Map<String, Object> next = desk.walkIn(aPhone());
        assertThat(next.get("servedBy")).isEqualTo(desk.rep(2));
        assertThat(desk.turnOrder()).containsExactly(desk.rep(1), desk.rep(3), desk.rep(2));

        // two replicas recover at once
        RecoveringWalkIns otherReplica = new RecoveringWalkIns(sites, visits, desks, clock, GRACE);
        Mono.zip(recovering.recover().subscribeOn(Schedulers.parallel()), otherReplica.recover().subscribeOn(Schedulers.parallel()))
                .block(Duration.ofSeconds(60));

        Map<String, Object> recovered = entry(desk, died);
        assertThat(recovered.get("state")).isEqualTo("SERVING");
        assertThat(recovered.get("servedBy")).isEqualTo(desk.rep(1));
        assertThat(recovered.get("usedTurn")).isEqualTo(true);
        assertThat(desk.turnOrder()).as("rep1 took the one turn held for the walk-in, and only it")
                .containsExactly(desk.rep(3), desk.rep(2), desk.rep(1));
        assertThat(desk.serving()).containsOnly(Map.entry(desk.rep(1), died.visitId()), Map.entry(desk.rep(2), next.get("visitId")));
        List<JsonNode> registered = TopicProbe.events(Topics.RECEPTION, "reception.visit-registered",
                p -> died.visitId().equals(p.path("visitId").asString()));
        assertThat(registered).as("one registration, by one of the replicas").singleElement().satisfies(e -> {
            assertThat(e.path("payload").path("servedBy").asString()).isEqualTo(desk.rep(1));
            assertThat(e.path("payload").path("usedTurn").asBoolean()).isTrue();
            assertThat(e.path("payload").path("attributionPending").asBoolean()).isTrue();
        });

        assertThat(recovering.recover().block(Duration.ofSeconds(60))).as("nothing is left to recover").isZero();
        desk.seeOff(recovered);
        List<String> order = desk.turnOrder();
        // a replica that read the entry before it was completed comes last, after the customer has left the desk
        StalledReplica stalled = new StalledReplica(visits, desks, clock);
        stalled.completes(site(desk), died.read()).block(Duration.ofSeconds(60));
        assertThat(desk.turnOrder()).isEqualTo(order);
        assertThat(desk.serving()).containsOnly(Map.entry(desk.rep(2), next.get("visitId")));
        assertThat(desk.visit("visitId", recovered).get("state")).isEqualTo("SEEN_OFF");
    }

    @Test
    @DisplayName("R-REC-9 R-ATT-3 a walk-in left half-registered while no rep was free: recovery queues it in arrival order, ahead of a later arrival, and the next freed rep takes it on the rotation's turn, once")
    @SuppressWarnings("unchecked")
    void aRecoveredWalkInWaitsInArrivalOrder() {
        FrontDesk desk = FrontDesk.aNewSite(web, "WQ");
        desk.rotation(1, 2);
        List<Map<String, Object>> arrived = desk.walkIns(3);
        Map<String, Object> first = arrived.get(0);
        Map<String, Object> second = arrived.get(1);
        Map<String, Object> later = arrived.get(2);
        assertThat(later.get("state")).isEqualTo("WAITING");
        // registered a minute ago, before the later arrival; the process died before any rep was held
        HalfDone died = halfRegistered(desk, false);
        assertThat(died.heldRep()).isNull();

        recovering.recover().block(Duration.ofSeconds(60));

        assertThat(entry(desk, died).get("state")).isEqualTo("WAITING");
        assertThat((List<Map<String, Object>>) desk.board().get("queue")).extracting(w -> w.get("visitId"))
                .containsExactly(died.visitId(), later.get("visitId"));
        assertThat(TopicProbe.events(Topics.RECEPTION, "reception.visit-registered", p -> died.visitId().equals(p.path("visitId").asString())))
                .singleElement().satisfies(e -> {
                    assertThat(e.path("payload").path("queued").asBoolean()).isTrue();
                    assertThat(e.path("payload").path("attributionPending").asBoolean()).isTrue();
                });

        desk.seeOff(first);
        Map<String, Object> served = entry(desk, died);
        assertThat(served.get("state")).isEqualTo("SERVING");
        assertThat(served.get("servedBy")).isEqualTo(first.get("servedBy"));
        assertThat(served.get("usedTurn")).isEqualTo(true);
        assertThat(desk.visit("visitId", later).get("state")).isEqualTo("WAITING");

        assertThat(recovering.recover().block(Duration.ofSeconds(60))).isZero();
        List<String> order = desk.turnOrder();
        new StalledReplica(visits, desks, clock).completes(site(desk), died.read()).block(Duration.ofSeconds(60));
        assertThat(desk.turnOrder()).isEqualTo(order);
        assertThat(desk.serving()).containsOnly(Map.entry((String) first.get("servedBy"), died.visitId()),
                Map.entry((String) second.get("servedBy"), second.get("visitId")));
        assertThat((List<Map<String, Object>>) desk.board().get("queue")).extracting(w -> w.get("visitId"))
                .containsExactly(later.get("visitId"));
    }

    @Test
    @DisplayName("R-REC-2 R-REC-3 walk-ins left half-registered on a day that is over: recovery serves and queues nobody — that day's desk lets go of the rep held for one and the rep left serving another, no turn moves, today's desk is untouched — and closes each entry as 登记未完成, attribution pending, with a note for the manager")
    void aWalkInOfADayThatIsOverIsClosedUnfinished() {
        FrontDesk desk = FrontDesk.aNewSite(web, "WP");
        desk.rotation(1, 2);
        LocalDate yesterday = desk.today().minusDays(1);
        Caller clerk = clerk(desk);
        Site site = site(desk);
        desks.change(clerk, desk.site, yesterday, r -> new DeskChanges.Change<>(Rotation.set(site.profile(), yesterday,
                List.of(desk.rep(1), desk.rep(2), desk.rep(3)), "mgr-" + desk.site, null), null, List.of())).block(Duration.ofSeconds(30));
        // yesterday one process died holding rep1, another after giving its customer to the rep it held (rep2)
        HalfDone held = halfRegistered(desk, yesterday, true);
        HalfDone placed = halfRegistered(desk, yesterday, true);
        desks.change(clerk, desk.site, yesterday, r -> new DeskChanges.Change<>(r.serve(placed.visitId(), placed.heldRep(), true,
                "139****0000", clock.instant(), PolicySettings.defaults()), null, List.of())).block(Duration.ofSeconds(30));
        assertThat(List.of(held.heldRep(), placed.heldRep())).containsExactly(desk.rep(1), desk.rep(2));
        List<String> pastOrder = desks.read(clerk, desk.site, yesterday).block(Duration.ofSeconds(30)).order().stream()
                .map(Rotation.Rep::userId).toList();
        List<String> todayOrder = desk.turnOrder();

        assertThat(recovering.recover().block(Duration.ofSeconds(60))).isEqualTo(2);

        for (HalfDone visit : List.of(held, placed)) {
            Map<String, Object> entry = entry(desk, visit);
            assertThat(entry.get("state")).isEqualTo("UNFINISHED");
            assertThat(entry.get("stateName")).isEqualTo("登记未完成");
            assertThat(entry.get("attributionPending")).isEqualTo(true);
            assertThat(entry.get("servedBy")).isNull();
            assertThat((String) entry.get("rule")).startsWith("登记未完成").contains("请经理核实");
        }
        Rotation past = desks.read(clerk, desk.site, yesterday).block(Duration.ofSeconds(30));
        assertThat(past.order()).allSatisfy(rep -> {
            assertThat(rep.status()).isEqualTo(RepStatus.AVAILABLE);
            assertThat(rep.heldFor()).isNull();
            assertThat(rep.serving()).isNull();
        });
        assertThat(past.queue()).isEmpty();
        assertThat(past.order()).extracting(Rotation.Rep::userId).isEqualTo(pastOrder);
        assertThat(desk.turnOrder()).isEqualTo(todayOrder);
        assertThat(desk.serving()).isEmpty();
        assertThat(recovering.recover().block(Duration.ofSeconds(60))).as("nothing is left to recover").isZero();
        // R-SEC-4: closing an entry unfinished is a change of state: announced and on the audit trail, with the reason
        for (HalfDone visit : List.of(held, placed)) {
            assertThat(TopicProbe.events(Topics.RECEPTION, "reception.visit-unfinished",
                    p -> visit.visitId().equals(p.path("visitId").asString()))).singleElement();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/reception/sites/{site}/audit", desk.site)
                .headers(h -> h.setBearerAuth(ReceptionFixture.manager(desk.site))).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.action == 'reception.visit-unfinished')].subject")
                .value(subjects -> assertThat(subjects.toString()).contains(held.visitId(), placed.visitId()))
                .jsonPath("$[?(@.action == 'reception.visit-unfinished')].reason")
                .value(reasons -> assertThat(reasons.toString()).contains("登记未完成")));
    }

    /** The entry as the process had read it, and the rep it had held (null: none was free). */
    private record HalfDone(String visitId, Stored<Visit> read, String heldRep) {
    }

    /**
     * What ReceivingVisitors.begin and the hold leave behind when the process dies right after: the entry RECEIVING,
     * begun a minute ago by the desk clerk (rep1), and — with {@code hold} — the rotation's rep held for it.
     */
    private HalfDone halfRegistered(FrontDesk desk, boolean hold) {
        return halfRegistered(desk, desk.today(), hold);
    }

    /** The same on {@code day}'s desk, begun then (a day ago for a past day). */
    private HalfDone halfRegistered(FrontDesk desk, LocalDate day, boolean hold) {
        String requestId = UUID.randomUUID().toString();
        String visitId = Visit.idFor(desk.site, Channel.VISIT, requestId);
        Phone phone = Phone.parse(aPhone());
        Caller clerk = clerk(desk);
        Duration ago = day.equals(desk.today()) ? Duration.ofMinutes(1) : Duration.ofDays(1);
        Visit begun = Visit.receiving(visitId, desk.site, requestId, Channel.VISIT, day, clock.instant().minus(ago),
                phone.e164(), phone.masked(), null, Statement.none(), clerk.userId(), null);
        assertThat(visits.add(clerk, begun, List.of()).block(Duration.ofSeconds(30))).isTrue();
        Stored<Visit> read = visits.find(clerk.scope(), desk.site, visitId).block(Duration.ofSeconds(30));
        Rotation.Rep held = !hold ? null : desks.change(clerk, desk.site, day, r -> DeskChanges.Change.of(r.hold(visitId)))
                .block(Duration.ofSeconds(30)).result();
        return new HalfDone(visitId, read, held == null ? null : held.userId());
    }

    /** The desk clerk (rep1) who began the registrations. */
    private static Caller clerk(FrontDesk desk) {
        return new Caller(desk.rep(1), "张三", Set.of(Role.SALES), SiteScope.of(desk.site));
    }

    private static Map<String, Object> entry(FrontDesk desk, HalfDone visit) {
        return desk.visit("visitId", Map.of("visitId", visit.visitId()));
    }

    private Site site(FrontDesk desk) {
        return sites.find(SiteScope.system(), desk.site).block(Duration.ofSeconds(30));
    }
}
