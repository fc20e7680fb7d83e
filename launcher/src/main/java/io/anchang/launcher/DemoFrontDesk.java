package io.anchang.launcher;

import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Today's front desk of the demo site SH01, seeded through the API as its people would work it
 * (flow 1), so that the office looks alive on any day: a call in the call register, customers
 * received and seen off, a rep OUT on company business, a helper serving an absent rep's
 * customer (and the owner told in their inbox), reps BUSY with customers, a customer waiting.
 * Visits are registered at the time they are seeded — the register is the evidence of first
 * registration (R-ATT-1), so the API takes no backdated visits. Seeding again changes nothing:
 * a day whose register has entries is left as it is.
 */
final class DemoFrontDesk {

    private static final String SITE = "SH01";

    private DemoFrontDesk() {
    }

    static void seed(Api api, KeycloakServer keycloak, Progress progress) {
        String desk = keycloak.token("sh01-assistant", DemoData.PASSWORD);
        String manager = keycloak.token("sh01-manager", DemoData.PASSWORD);
        Api.Answer register = api.get(manager, "/api/reception/sites/" + SITE + "/visits");
        if (register.body() != null && register.body().size() > 0) {
            return;
        }
        Api.Answer board = api.get(manager, "/api/reception/sites/" + SITE + "/rotation");
        if (board.body() == null || board.body().path("order").size() < 3) {
            progress.say("front desk of " + SITE + " not seeded: today's rotation has fewer than 3 reps");
            return;
        }
        String day = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String sales1 = keycloak.token("sh01-sales1", DemoData.PASSWORD);
        String sales3 = keycloak.token("sh01-sales3", DemoData.PASSWORD);

        // R-REC-3: 刘洋 takes a call; the call register makes 周先生 his customer (R-ATT-1)
        api.send(sales3, "POST", "/api/reception/sites/" + SITE + "/calls",
                Map.of("requestId", "demo-" + day + "-call-1", "phone", "139 0000 0101", "name", "周先生", "note", "询问三房户型"),
                Set.of(200, 201));
        // R-REC-1: 孙女士 walks in for the first time; the up rep receives her on his turn, then sees her off
        JsonNode sun = visit(api, desk, day, 1, "138 0013 8000", "孙女士", Map.of("firstVisit", true));
        if (sun != null && "SERVING".equals(sun.path("state").asString())) {
            String servedBy = sun.path("servedBy").asString();
            String token = servedBy.equals("sh01-sales1") ? sales1 : keycloak.token(servedBy, DemoData.PASSWORD);
            api.send(token, "POST", "/api/reception/sites/" + SITE + "/visits/" + sun.path("visitId").asString() + "/see-off", null,
                    Set.of(200));
        }
        // R-REC-2: 刘洋 goes out on company business
        api.send(sales3, "PUT", "/api/reception/sites/" + SITE + "/reps/sh01-sales3/status", Map.of("status", "OUT"), Set.of(200));
        // R-ATT-7: 周先生 comes by while his rep is out: the up rep helps, 刘洋 is told in his inbox
        visit(api, desk, day, 2, "139-0000-0101", "周先生", Map.of("firstVisit", false));
        // new customers: the rotation hands them out until nobody is free, then they wait (R-REC-9)
        visit(api, desk, day, 3, "137 0000 0103", "吴先生", Map.of("firstVisit", true));
        visit(api, desk, day, 4, "+86 136 0000 0104", "郑女士", Map.of("firstVisit", true));
        visit(api, desk, day, 5, "135 0000 0105", "钱先生", Map.of("firstVisit", true));
        JsonNode now = api.get(manager, "/api/reception/sites/" + SITE + "/rotation").body();
        progress.say("front desk of " + SITE + ": " + now.path("busy").size() + " reps busy, " + now.path("out").size()
                + " out, " + now.path("queue").size() + " customer(s) waiting");
    }

    private static JsonNode visit(Api api, String desk, String day, int n, String phone, String name, Map<String, Object> said) {
        Map<String, Object> body = new LinkedHashMap<>(said);
        body.put("requestId", "demo-" + day + "-visit-" + n);
        body.put("phone", phone);
        body.put("name", name);
        return api.send(desk, "POST", "/api/reception/sites/" + SITE + "/visits", body, Set.of(200, 201)).body();
    }
}
