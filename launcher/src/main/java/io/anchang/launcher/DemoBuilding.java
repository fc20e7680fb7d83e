package io.anchang.launcher;

import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo sites' inventory and sales history (R-DEAL-1..4, R-FIN-2), entered through the API
 * as their people would: a building 1号楼 of 24 units (6 floors × 4) at SH01 and HZ01, entered
 * by the site's MANAGER, and one unit at SH01 kept off sale by sales control (吴销控). At SH01
 * the reps then sell to the customers the front desk received today ({@link DemoFrontDesk}
 * runs first): a unit held, a small deposit and a big deposit with its subscription agreement,
 * each confirmed at the finance desk by sh01-finance (赵会计).
 *
 * <p>Seeding again changes nothing that is there: a site whose building 1 exists keeps its
 * inventory, and each demo sale goes only as far as it has not gone yet — a hold that lapsed
 * (R-DEAL-2) or a small deposit that was not upgraded in time (R-DEAL-3) is made again, so the
 * office looks alive on the day it is started.
 */
final class DemoBuilding {

    static final String BUILDING = "1";
    private static final String SITE = "SH01";
    private static final String[] LAYOUTS = {"三室两厅", "两室两厅", "两室两厅", "四室两厅"};
    private static final String[] AREAS = {"128.50", "89.00", "92.30", "143.80"};
    private static final String[] FACING = {"南", "南", "北", "南北通透"};

    /** How far a demo sale goes: a hold, a small deposit or a big deposit with its agreement. */
    private enum Stage { HELD, SMALL_DEPOSIT, BIG_DEPOSIT }

    /** A demo sale of SH01: the unit, the customer (by the phone the desk registered), how far it goes, the deposit. */
    private record Sale(String unit, String phone, Stage stage, String deposit, Map<String, String> buyer) {
    }

    private static final List<Sale> SALES = List.of(
            new Sale("SH01-1-502", "138 0013 8000", Stage.BIG_DEPOSIT, "200000.00", Map.of(
                    "name", "孙丽华", "phone", "13800138000", "address", "上海市浦东新区滨江大道2889弄6号1201室", "postcode", "200120")),
            new Sale("SH01-1-303", "+86 136 0000 0104", Stage.SMALL_DEPOSIT, "20000.00", null),
            new Sale("SH01-1-204", "139 0000 0101", Stage.HELD, null, null));

    private DemoBuilding() {
    }

    static void seed(Api api, KeycloakServer keycloak, Progress progress) {
        for (String site : new java.util.TreeSet<>(DemoData.SITES.keySet())) {
            inventory(api, keycloak, progress, site);
        }
        String manager = keycloak.token("sh01-manager", DemoData.PASSWORD);
        String finance = keycloak.token("sh01-finance", DemoData.PASSWORD);
        for (Sale sale : SALES) {
            sell(api, keycloak, progress, manager, finance, sale);
        }
    }

    private static void inventory(Api api, KeycloakServer keycloak, Progress progress, String site) {
        String manager = keycloak.token(site.toLowerCase() + "-manager", DemoData.PASSWORD);
        JsonNode buildings = api.get(manager, "/api/deals/sites/" + site + "/buildings").body();
        if (buildings != null) {
            for (JsonNode building : buildings) {
                if (BUILDING.equals(building.path("code").asString())) {
                    return;
                }
            }
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

    /**
     * Flow 2 for one demo sale, from wherever it stands: the customer's owner holds the unit
     * (R-DEAL-2), asks the finance desk for the deposit, sh01-finance confirms it (R-FIN-2).
     */
    private static void sell(Api api, KeycloakServer keycloak, Progress progress, String manager, String finance, Sale sale) {
        String label = sale.unit().substring(SITE.length() + 1);
        // R-SEC-3: the phone goes in the body, never in a URL
        Api.Answer found = api.send(manager, "POST", "/api/customers/sites/" + SITE + "/customers/search",
                Map.of("phone", sale.phone()), Set.of(200, 404));
        if (found.status() != 200 || found.body().path("owner").asString("").isEmpty()) {
            progress.say("demo sale of " + SITE + " " + label + " skipped: the front desk has no owned customer of phone " + sale.phone());
            return;
        }
        String customerId = found.body().path("id").asString();
        String customer = found.body().path("name").asString();
        String owner = found.body().path("owner").asString();
        String rep = keycloak.token(owner, DemoData.PASSWORD);
        String path = "/api/deals/sites/" + SITE + "/units/" + sale.unit();
        JsonNode unit = api.get(manager, path).body();
        boolean heldNow = unit.path("status").asString().equals("AVAILABLE");
        if (heldNow) {
            hold(api, rep, path, customerId);
            unit = api.get(manager, path).body();
        }
        String status = unit.path("status").asString();
        boolean ours = customerId.equals(unit.path("hold").path("customerId").asString())
                || customerId.equals(unit.path("sale").path("customerId").asString());
        if (!ours) {
            progress.say("demo sale of " + SITE + " " + label + " skipped: the unit is " + status + " for someone else");
            return;
        }
        if (sale.stage() == Stage.HELD || !status.equals("HELD")) {
            if (heldNow) {
                progress.say("demo sale of " + SITE + ": " + label + " held by " + owner + " for " + customer);
            }
            return;
        }
        String requestId = unit.path("request").path("requestId").asString("");
        if (requestId.isEmpty()) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("kind", sale.stage() == Stage.BIG_DEPOSIT ? "BIG" : "SMALL");
            request.put("amount", sale.deposit());
            if (sale.buyer() != null) {
                request.put("buyer", sale.buyer());
            }
            requestId = api.send(rep, "POST", path + "/deposit-request", request, Set.of(201)).body().path("request").path("requestId").asString();
        }
        String id = requestId;
        // the finance desk hears of the request from deal-service's event (unless it confirmed it on an earlier run)
        boolean[] queued = {false};
        await(() -> (queued[0] = queued(api, finance, id)) || !api.get(manager, path).body().path("status").asString().equals("HELD"),
                "the finance desk's queue to show the deposit request of " + label);
        if (!queued[0]) {
            return;
        }
        JsonNode receipt = api.send(finance, "POST", "/api/finance/deposit-requests/" + id + "/confirmation",
                Map.of("amount", sale.deposit(), "method", "TRANSFER", "reference", "DEMO-" + label), Set.of(200, 201)).body();
        // R-FIN-2: the confirmation moves the unit, at deal-service, from finance-service's event
        await(() -> api.get(manager, path).body().path("status").asString().equals(sale.stage().name()),
                "unit " + label + " to become " + sale.stage());
        String agreement = api.get(manager, path).body().path("sale").path("agreement").path("number").asString("");
        progress.say("demo sale of " + SITE + ": " + label + " " + sale.stage() + " for " + customer + " (" + owner + "), receipt "
                + receipt.path("receiptNo").asString() + (agreement.isEmpty() ? "" : ", agreement " + agreement));
    }

    private static boolean queued(Api api, String finance, String requestId) {
        for (JsonNode request : api.get(finance, "/api/finance/sites/" + SITE + "/deposit-requests").body()) {
            if (requestId.equals(request.path("requestId").asString())) {
                return true;
            }
        }
        return false;
    }

    /** R-DEAL-2: the rep holds the unit; deal-service may not have heard of the customer yet (customer-service's event). */
    private static void hold(Api api, String rep, String path, String customerId) {
        await(() -> api.send(rep, "POST", path + "/hold", Map.of("customerId", customerId), Set.of(201, 404, 409)).status() != 404,
                "deal-service to know customer " + customerId);
    }

    private static void await(java.util.function.BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited 60 s for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
