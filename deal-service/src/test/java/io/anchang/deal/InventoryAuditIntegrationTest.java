package io.anchang.deal;

import io.anchang.platform.events.Topics;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.anchang.deal.DealFixture.manager;
import static io.anchang.deal.DealFixture.payload;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** R-SEC-4 for sales control: the inventory's changes are on the site's audit trail, each with who, what and when. */
class InventoryAuditIntegrationTest extends DealIntegrationBase {

    static final String SITE = "AU01";

    DealFixture f;

    @BeforeEach
    void site() {
        f = fixture();
        f.site(SITE);
    }

    @Test
    @DisplayName("R-SEC-4 R-DEAL-1 a building registered, a price list imported and a unit entered by hand are each on the site's audit trail, with the units' numbers and list prices")
    void inventoryChangesAreAudited() {
        f.building(SITE, "A1", List.of("101,1,3000000", "102,1,2480000.50"));
        web.post().uri("/api/deals/sites/{s}/buildings/A1/units", SITE).headers(h -> h.setBearerAuth(manager(SITE)))
                .bodyValue(object("number", "201", "floor", 2, "layout", "两室两厅", "area", new java.math.BigDecimal("89.00"), "listPrice", "2600000"))
                .exchange().expectStatus().isCreated();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> trail = f.audit(SITE);
            Map<String, Object> building = only(trail, "deal.building-registered", SITE + "-A1");
            assertThat(building.get("actor")).isEqualTo("ctl-" + SITE);
            assertThat(building.get("before")).isNull();
            JsonNode registered = payload(building);
            assertThat(registered.path("code").asString()).isEqualTo("A1");
            assertThat(registered.path("name").asString()).isEqualTo("A1号楼");

            Map<String, Object> imported = only(trail, "deal.unit-added", SITE + "-A1-102");
            assertThat(imported.get("actor")).isEqualTo("ctl-" + SITE);
            assertThat(imported.get("reason")).isEqualTo("价目表导入 2 套房源 (price list of 2 units)");
            JsonNode unit = payload(imported);
            assertThat(unit.path("number").asString()).isEqualTo("102");
            assertThat(unit.path("listPrice").decimalValue()).isEqualByComparingTo("2480000.50");
            assertThat(unit.path("source").asString()).isEqualTo("PRICE_LIST");
            JsonNode sibling = payload(only(trail, "deal.unit-added", SITE + "-A1-101"));
            assertThat(sibling.path("listPrice").decimalValue()).isEqualByComparingTo("3000000");
            assertThat(sibling.path("importId").asString()).isEqualTo(unit.path("importId").asString()).isNotBlank();

            Map<String, Object> byHand = only(trail, "deal.unit-added", SITE + "-A1-201");
            assertThat(byHand.get("actor")).isEqualTo("mgr-" + SITE);
            JsonNode entered = payload(byHand);
            assertThat(entered.path("source").asString()).isEqualTo("HAND");
            assertThat(entered.path("listPrice").decimalValue()).isEqualByComparingTo("2600000");
            assertThat(entered.path("layout").asString()).isEqualTo("两室两厅");
        });
        // and each is published like every other change of a unit, for whoever keeps an inventory
        assertThat(TopicProbe.events(Topics.DEAL, "deal.unit-added", p -> (SITE + "-A1-201").equals(p.path("unitId").asString())))
                .hasSize(1);
        web.get().uri("/api/deals/sites/{s}/audit/verification", SITE).headers(h -> h.setBearerAuth(manager(SITE)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.intact").isEqualTo(true);
    }

    private static Map<String, Object> only(List<Map<String, Object>> trail, String action, String subject) {
        List<Map<String, Object>> found = DealFixture.entries(trail, action, subject).stream()
                .filter(e -> subject.equals(e.get("subject"))).toList();
        assertThat(found).as(action + " " + subject).hasSize(1);
        return found.get(0);
    }
}
