package io.anchang.launcher;

import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The demo sites' inventory (R-DEAL-1), entered through the API as their people would: a
 * building 1号楼 of 24 units (6 floors × 4) at SH01 and HZ01, entered by the site's MANAGER,
 * and one unit at SH01 kept off sale by sales control (吴销控). Seeding again changes nothing:
 * a site whose building 1 exists is left alone.
 *
 * <p>Holds, deposits and agreements need customers of the reps; they come from
 * customer-service (its {@code customer.registered} events). Once the demo office registers
 * customers, this is where a held unit, a small deposit confirmed by sh01-finance and a big
 * deposit with its agreement are added — through {@code POST .../units/{id}/hold},
 * {@code .../deposit-request} and finance-service's {@code POST /api/finance/deposit-requests/{id}/confirmation}.
 */
final class DemoBuilding {

    static final String BUILDING = "1";
    private static final String[] LAYOUTS = {"三室两厅", "两室两厅", "两室两厅", "四室两厅"};
    private static final String[] AREAS = {"128.50", "89.00", "92.30", "143.80"};
    private static final String[] FACING = {"南", "南", "北", "南北通透"};

    private DemoBuilding() {
    }

    static void seed(Api api, KeycloakServer keycloak, Progress progress) {
        for (String site : new java.util.TreeSet<>(DemoData.SITES.keySet())) {
            String manager = keycloak.token(site.toLowerCase() + "-manager", DemoData.PASSWORD);
            JsonNode buildings = api.get(manager, "/api/deals/sites/" + site + "/buildings").body();
            boolean present = false;
            if (buildings != null) {
                for (JsonNode building : buildings) {
                    present |= BUILDING.equals(building.path("code").asString());
                }
            }
            if (present) {
                continue;
            }
            api.send(manager, "POST", "/api/deals/sites/" + site + "/buildings",
                    Map.of("code", BUILDING, "name", "1号楼", "project", DemoData.SITES.get(site)), Set.of(201));
            int base = site.equals("SH01") ? 52_000 : 31_000; // yuan per m²
            for (int floor = 1; floor <= 6; floor++) {
                for (int n = 0; n < 4; n++) {
                    java.math.BigDecimal area = new java.math.BigDecimal(AREAS[n]);
                    long price = area.multiply(java.math.BigDecimal.valueOf(base + floor * 300L)).longValue() / 1000 * 1000;
                    Map<String, Object> unit = new LinkedHashMap<>();
                    unit.put("number", String.valueOf(floor * 100 + n + 1));
                    unit.put("floor", floor);
                    unit.put("layout", LAYOUTS[n]);
                    unit.put("area", area);
                    unit.put("listPrice", price + ".00");
                    unit.put("orientation", FACING[n]);
                    unit.put("grade", floor >= 5 ? "A" : "B");
                    api.send(manager, "POST", "/api/deals/sites/" + site + "/buildings/" + BUILDING + "/units", unit, Set.of(201));
                }
            }
            progress.say("sales control of " + site + ": building 1号楼 with 24 units (6 floors × 4)");
            if (site.equals("SH01")) {
                String control = keycloak.token("sh01-control", DemoData.PASSWORD);
                api.send(control, "POST", "/api/deals/sites/SH01/units/SH01-1-601/reservation",
                        Map.of("reason", "开发商保留，暂不对外销售"), Set.of(201));
                progress.say("sales control of SH01: unit 1-601 kept off sale");
            }
        }
    }
}
