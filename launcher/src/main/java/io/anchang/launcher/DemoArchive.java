package io.anchang.launcher;

import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo site SH01's archive as its people keep it (issue 14), seeded through the API after the front desk: the office's
 * older customers imported from its list with their original registration dates, archive numbers and reps (R-CUS-2);
 * customers classified A and B (R-CUS-2) with tracking-form follow-ups due today (R-CUS-5); a customer's birthday today with
 * the flowers for an important customer (R-CUS-8); and tonight's evening meeting record (R-OPS-1). Seeding again changes
 * nothing that is there: the import is skipped once its customers are in the archive, a customer already followed up or
 * cared for is left as it is, and a day's meeting record is written once.
 */
final class DemoArchive {

    private static final String SITE = "SH01";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** An older customer of the office: phone, name, rep, days since the first registration, class, what the last follow-up said. */
    private record Older(String archiveNo, String phone, String name, String rep, int registeredDaysAgo, String intentClass,
                         String objections, String nextStep) {
    }

    private static final List<Older> OLDER = List.of(
            new Older("BJ-2024-0031", "13916880031", "冯先生", "sh01-sales1", 40, "A", "担心交房时间", "约周末看样板间"),
            new Older("BJ-2024-0047", "13916880047", "陈女士", "sh01-sales1", 25, "B", "嫌总价高，等优惠", "告知本月团购折扣"),
            new Older("BJ-2024-0052", "13916880052", "褚先生", "sh01-sales2", 18, "A", "比较对面楼盘", "带看工地进度"),
            new Older("BJ-2024-0066", "13916880066", "卫女士", "sh01-sales2", 75, "C", null, null));

    private DemoArchive() {
    }

    static void seed(Api api, KeycloakServer keycloak, Progress progress) {
        String manager = keycloak.token("sh01-manager", DemoData.PASSWORD);
        LocalDate today = LocalDate.now(SHANGHAI);
        if (api.send(manager, "POST", "/api/customers/sites/" + SITE + "/customers/search", Map.of("phone", OLDER.get(0).phone()),
                Set.of(200, 404)).status() == 404) {
            importOlderCustomers(api, manager, today, progress);
        }
        for (Older older : OLDER) {
            classifyAndFollowUp(api, keycloak, older, today);
        }
        birthdayToday(api, keycloak, today, progress);
        meetingRecord(api, manager, today, progress);
    }

    /** R-CUS-2: the office's list, as a CSV the MANAGER uploads; the import writes in the background. */
    private static void importOlderCustomers(Api api, String manager, LocalDate today, Progress progress) {
        StringBuilder csv = new StringBuilder("档案编号,姓名,电话,来源,置业顾问,登记日期\r\n");
        for (Older older : OLDER) {
            csv.append(older.archiveNo()).append(',').append(older.name()).append(',').append(older.phone()).append(",来访,")
                    .append(older.rep()).append(',').append(today.minusDays(older.registeredDaysAgo())).append(" 10:00\r\n");
        }
        JsonNode job = api.upload(manager, "/api/customers/sites/" + SITE + "/imports?fileName=demo-old-customers.csv", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8), Set.of(202)).body();
        String id = job.path("id").asString();
        for (int i = 0; i < 60 && !"COMPLETED".equals(job.path("status").asString()); i++) {
            sleep();
            job = api.get(manager, "/api/customers/sites/" + SITE + "/imports/" + id).body();
        }
        progress.say("archive of " + SITE + ": " + job.path("imported").asInt() + " older customers imported with their original registrations");
    }

    /** R-CUS-2, R-CUS-5: the rep classifies the customer and, for A and B, writes a follow-up three days ago whose next day is today. */
    private static void classifyAndFollowUp(Api api, KeycloakServer keycloak, Older older, LocalDate today) {
        String rep = keycloak.token(older.rep(), DemoData.PASSWORD);
        String path = "/api/customers/sites/" + SITE + "/customers/" + older.archiveNo();
        JsonNode card = api.get(rep, path + "/card").body();
        if (card == null || card.path("customerId").isMissingNode()) {
            return;
        }
        if (card.path("intentClass").isNull() || card.path("intentClass").isMissingNode()) {
            api.send(rep, "PUT", path + "/class", Map.of("intentClass", older.intentClass(), "reason", "导入后按意向重新分类"), Set.of(200));
        }
        if (older.nextStep() != null && card.path("followUps").isEmpty()) {
            Map<String, Object> followUp = new LinkedHashMap<>();
            followUp.put("method", "电话");
            followUp.put("note", "回访，了解购房进展");
            followUp.put("day", today.minusDays(3).toString());
            followUp.put("objections", older.objections());
            followUp.put("nextStep", older.nextStep());
            followUp.put("nextDate", today.toString());
            api.send(rep, "POST", path + "/tracking", followUp, Set.of(200));
        }
    }

    /** R-CUS-8: 冯先生's birthday is today: on 张伟's list this morning, with flowers for an important customer. */
    private static void birthdayToday(Api api, KeycloakServer keycloak, LocalDate today, Progress progress) {
        Older older = OLDER.get(0);
        String rep = keycloak.token(older.rep(), DemoData.PASSWORD);
        String path = "/api/customers/sites/" + SITE + "/customers/" + older.archiveNo() + "/care";
        if (api.get(rep, path).status() == 200) {
            return;
        }
        List<Map<String, Object>> people = new ArrayList<>();
        people.add(Map.of("name", older.name(), "relation", "SELF", "calendar", "SOLAR", "year", 1976, "month", today.getMonthValue(),
                "day", today.getDayOfMonth() == 29 && today.getMonthValue() == 2 ? 28 : today.getDayOfMonth()));
        people.add(Map.of("name", "冯太太", "relation", "SPOUSE", "calendar", "LUNAR", "month", 8, "day", 15));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("hobbies", List.of("高尔夫", "普洱茶"));
        profile.put("occupation", "外贸公司总经理");
        profile.put("industry", "贸易");
        profile.put("people", people);
        profile.put("festivalGreetings", true);
        profile.put("gift", Map.of("kind", "FLOWERS", "note", "重要客户，生日送花"));
        profile.put("keyPerson", Map.of("circle", "浦东外贸商会", "note", "可介绍商会会员"));
        api.send(rep, "PUT", path, profile, Set.of(200));
        progress.say("care at " + SITE + ": " + older.name() + "'s birthday is today, on 张伟's greeting list");
    }

    /** R-OPS-1: the MANAGER's record of tonight's evening meeting, once a day. */
    private static void meetingRecord(Api api, String manager, LocalDate today, Progress progress) {
        String path = "/api/reception/sites/" + SITE + "/meetings/" + today;
        if (api.get(manager, path).status() == 200) {
            return;
        }
        List<Object> reports = List.of(
                Map.of("rep", "sh01-sales1", "registrationsHandedIn", true, "followUps", "回访冯先生、陈女士",
                        "customers", List.of(Map.of("archiveNo", OLDER.get(0).archiveNo(), "newCustomer", false, "note", "关注交房时间"),
                                Map.of("name", "孙女士", "phone", "138 0013 8000", "newCustomer", true, "note", "首次来访，已下大定"))),
                Map.of("rep", "sh01-sales2", "registrationsHandedIn", true, "followUps", "褚先生约看工地",
                        "customers", List.of(Map.of("archiveNo", OLDER.get(2).archiveNo(), "newCustomer", false))),
                Map.of("rep", "sh01-sales3", "registrationsHandedIn", false, "analysis", "外出办事，登记表明早补交"));
        api.send(manager, "PUT", path, Map.of("reports", reports, "notes", "今日来访新客户 4 组，大定 1 套"), Set.of(200));
        progress.say("evening meeting of " + SITE + " recorded for " + today);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
