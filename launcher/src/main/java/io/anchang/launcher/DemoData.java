package io.anchang.launcher;

import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo office, seeded through the API as its people would do it, with dates relative
 * to today so it looks alive on any day: two sites with the realm's demo staff, a site
 * policy change, today's rotation. Seeding again changes nothing that is already there.
 * Each later capability adds its part here.
 */
public final class DemoData {

    public static final String PASSWORD = "demo1234";

    /** The demo sites: code, name. */
    public static final Map<String, String> SITES = Map.of(
            "SH01", "上海·滨江壹号",
            "HZ01", "杭州·西溪云庐");

    private static final Set<String> RECEIVING = Set.of("SALES", "SUPERVISOR", "MANAGER");

    private final Api api;
    private final KeycloakServer keycloak;
    private final Path realmFile;
    private final Progress progress;

    public DemoData(String gatewayUrl, KeycloakServer keycloak, Path realmFile, Progress progress) {
        this.api = new Api(gatewayUrl);
        this.keycloak = keycloak;
        this.realmFile = realmFile;
        this.progress = progress;
    }

    /** A demo user of the realm: username, display name, role, sites. */
    public record DemoUser(String username, String name, String role, List<String> sites) {
    }

    public void seed() {
        List<DemoUser> users = users(realmFile);
        String admin = keycloak.token("admin", PASSWORD);
        for (Map.Entry<String, String> site : new java.util.TreeMap<>(SITES).entrySet()) {
            String code = site.getKey();
            Api.Answer registered = api.send(admin, "POST", "/api/reception/sites",
                    Map.of("code", code, "name", site.getValue(), "timeZone", "Asia/Shanghai"), Set.of(201, 409));
            List<Map<String, Object>> staff = new ArrayList<>();
            for (DemoUser user : users) {
                if (user.sites().contains(code)) {
                    staff.add(Map.of("userId", user.username(), "name", user.name(), "role", user.role(), "active", true));
                }
            }
            api.send(admin, "PUT", "/api/reception/sites/" + code + "/staff", Map.of("staff", staff), Set.of(200));
            if (registered.status() == 201) {
                progress.say("demo site " + code + " " + site.getValue() + " registered with " + staff.size() + " staff");
            }
            rotationOfToday(users, code);
        }
        eventPolicy("HZ01");
        // the desk first: the reps sell to the customers it received
        DemoFrontDesk.seed(api, keycloak, progress);
        DemoBuilding.seed(api, keycloak, progress);
        DemoArchive.seed(api, keycloak, progress);
    }

    /** R-REC-1: the site's MANAGER sets today's rotation, unless someone already has. */
    private void rotationOfToday(List<DemoUser> users, String site) {
        DemoUser manager = users.stream().filter(u -> u.role().equals("MANAGER") && u.sites().contains(site)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the realm has no MANAGER of " + site));
        String token = keycloak.token(manager.username(), PASSWORD);
        Api.Answer today = api.get(token, "/api/reception/sites/" + site + "/rotation");
        if (today.body() != null && today.body().path("order").size() > 0) {
            return;
        }
        // the reps first, then the supervisor; the manager assigns rather than receives
        List<String> reps = users.stream()
                .filter(u -> u.sites().contains(site) && RECEIVING.contains(u.role()) && !u.role().equals("MANAGER"))
                .sorted(java.util.Comparator.comparing(u -> u.role().equals("SALES") ? 0 : 1))
                .map(DemoUser::username).toList();
        String day = today.body() != null && today.body().hasNonNull("day") ? today.body().get("day").asString()
                : LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        api.send(token, "PUT", "/api/reception/sites/" + site + "/rotations/" + day, Map.of("reps", reps), Set.of(200));
        progress.say("today's rotation of " + site + ": " + String.join(" → ", reps));
    }

    /** An effective-dated policy change, as a site running an opening event would make. */
    private void eventPolicy(String site) {
        String admin = keycloak.token("admin", PASSWORD);
        JsonNode policies = api.get(admin, "/api/reception/sites/" + site + "/policies").body();
        if (policies == null || policies.path("versions").size() > 0) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = Api.JSON.convertValue(policies.get("current"), LinkedHashMap.class);
        settings.put("holdMinutes", 45);
        api.send(admin, "POST", "/api/reception/sites/" + site + "/policies", Map.of(
                "effectiveFrom", today(),
                "settings", settings,
                "reason", "开盘活动期间，房源保留时间延长至45分钟"), Set.of(201));
        progress.say("policy of " + site + ": hold time 45 minutes from today (opening event)");
    }

    private static String today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    }

    /** The demo users as the realm file declares them. */
    public static List<DemoUser> users(Path realmFile) {
        JsonNode realm = Api.JSON.readTree(realmFile.toFile());
        List<DemoUser> users = new ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            String username = user.path("username").asString();
            if (username.startsWith("service-account-")) {
                continue;
            }
            List<String> roles = new ArrayList<>();
            user.path("realmRoles").forEach(r -> roles.add(r.asString()));
            List<String> sites = new ArrayList<>();
            user.path("attributes").path("sites").forEach(s -> sites.add(s.asString()));
            String role = roles.stream().filter(r -> !r.startsWith("default-roles")).findFirst().orElse("");
            String name = (user.path("lastName").asString("") + user.path("firstName").asString("")).trim();
            users.add(new DemoUser(username, name.isEmpty() ? username : name, role, sites));
        }
        return users;
    }
}
