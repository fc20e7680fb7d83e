package io.anchang.deal;

import io.anchang.deal.adapter.mongo.MongoUnits;
import io.anchang.deal.application.UnitChanges;
import io.anchang.deal.application.Units;
import io.anchang.deal.domain.Unit;
import io.anchang.platform.events.deal.UnitReserved;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.anchang.deal.DealFixture.control;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * R-DEAL-2, the live board across replicas: a change written by another deal-service instance — here a second
 * store with a change stream of its own, as another instance has, writing to the same database and publishing
 * through the outbox — reaches this instance's stream from the deal topic.
 */
class UnitChangesAcrossInstancesIntegrationTest extends DealIntegrationBase {

    static final String SITE = "LB01";

    @Autowired
    ScopedMongo mongo;

    @Autowired
    JsonMapper json;

    @Autowired
    Units units;

    @Test
    @DisplayName("R-DEAL-2 a unit changed by another instance shows on this instance's live board, once")
    void anotherInstancesChangeShowsOnTheBoard() throws Exception {
        DealFixture f = fixture();
        f.site(SITE);
        f.building(SITE, "X", List.of("101,1,2000000"));
        String unitId = SITE + "-X-101";
        var stream = web.get().uri("/api/deals/sites/{s}/unit-changes", SITE).headers(h -> h.setBearerAuth(control(SITE)))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { }).getResponseBody();
        // the unit's own creation may still be on its way to the stream: the changes counted are the reservation's
        var changes = stream.filter(e -> "unit".equals(e.event()) && e.data() != null
                        && unitId.equals(e.data().get("id")) && !"AVAILABLE".equals(e.data().get("status")))
                .map(ServerSentEvent::data).share();
        // every change shown until 3 s after the first (a second copy from the topic would come within that), at most 20 s
        CompletableFuture<List<Map<String, Object>>> seen = changes.take(java.time.Duration.ofSeconds(20))
                .takeUntilOther(changes.next().delayElement(java.time.Duration.ofSeconds(3))).collectList().toFuture();

        Units otherInstance = new MongoUnits(mongo, json, new UnitChanges());
        Unit unit = units.find(SiteScope.of(SITE), SITE, unitId).block();
        Unit reserved = unit.reserve(new Unit.Reservation("ctl-" + SITE, "吴销控", "开发商保留", Instant.now()));
        assertThat(otherInstance.save(Caller.system("other-instance"), reserved, List.of(PendingEvent.of(SITE, unitId,
                new UnitReserved(unitId, SITE, reserved.label(), "ctl-" + SITE, "开发商保留", Instant.now())))).block()).isTrue();

        List<Map<String, Object>> shown = seen.get(30, TimeUnit.SECONDS);
        assertThat(shown).extracting(u -> u.get("status")).containsExactly("RESERVED");
    }
}
