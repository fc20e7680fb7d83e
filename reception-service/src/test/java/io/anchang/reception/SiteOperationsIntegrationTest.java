package io.anchang.reception;

import io.anchang.platform.events.Topics;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.anchang.reception.ReceptionFixture.ISSUER;
import static io.anchang.reception.ReceptionFixture.aSiteWithStaff;
import static io.anchang.reception.ReceptionFixture.manager;
import static io.anchang.reception.ReceptionFixture.sales;
import static io.anchang.reception.ReceptionFixture.supervisor;
import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Site operations through reception-service's API with the tokens of the people who run the site: the evening
 * meeting's record (R-OPS-1), plans (R-OPS-2), incidents (R-OPS-3), market notes (R-OPS-5). Each test has a site of
 * its own; the clock is moved where a rule depends on the hour or the weekday.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(TestClock.Config.class)
class SiteOperationsIntegrationTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final AtomicInteger SITES = new AtomicInteger();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "reception-operations-it");
    }

    @Autowired
    WebTestClient web;

    @Autowired
    TestClock clock;

    final String site = "OP" + String.format("%03d", SITES.incrementAndGet()) + (char) ('A' + (int) (Math.random() * 26));

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    private String aSite() {
        aSiteWithStaff(web, site);
        return site;
    }

    private static String assistant(String site) {
        return ISSUER.token(site + "-asst", "ASSISTANT", site);
    }

    private String base() {
        return "/api/reception/sites/" + site;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), SHANGHAI);
    }

    private void at(LocalDate day, LocalTime time) {
        clock.setTo(day.atTime(time).atZone(SHANGHAI).toInstant());
    }

    // ------------------------------------------------------------------ R-OPS-1

    @Test
    @DisplayName("R-OPS-1 R-SEC-3 the MANAGER records tonight's meeting — each rep's customers, new ones marked — and a phone named there is kept and published masked only")
    void theManagerRecordsTheEveningMeeting() {
        aSite();
        String phone = "139 8765 4321";
        Map<String, Object> body = object("notes", "今日来访 5 组", "reports", list(
                object("rep", site + "-rep1", "registrationsHandedIn", true, "followUps", "回访 3 位 A 类客户",
                        "customers", list(object("archiveNo", site + "-000012", "newCustomer", false, "note", "再次来访，关注三房"),
                                object("name", "李先生", "phone", phone, "newCustomer", true, "note", "房展会上认识"))),
                object("rep", site + "-rep2", "registrationsHandedIn", false, "customers", list())));
        JsonNode first = web.put().uri(base() + "/meetings/{day}", today()).headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(body).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(first.path("revision").asLong()).isEqualTo(1);
        JsonNode mention = first.path("reports").get(0).path("customers").get(1);
        assertThat(mention.path("phoneMasked").asString()).isEqualTo("139****4321");
        assertThat(first.toString()).doesNotContain("87654321");

        body.put("revision", 1);
        web.put().uri(base() + "/meetings/{day}", today()).headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(body).exchange().expectStatus().isOk().expectBody().jsonPath("$.revision").isEqualTo(2);
        body.put("revision", 1);
        web.put().uri(base() + "/meetings/{day}", today()).headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(body).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:meeting-changed");

        web.get().uri(base() + "/meetings/{day}", today()).headers(h -> h.setBearerAuth(sales(site, site + "-rep3")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.reports[0].customers[0].archiveNo").isEqualTo(site + "-000012")
                .jsonPath("$.reports[1].registrationsHandedIn").isEqualTo(false);
        web.get().uri(base() + "/meetings?from={from}&to={to}", today().minusDays(7), today())
                .headers(h -> h.setBearerAuth(manager(site))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1);

        List<JsonNode> published = TopicProbe.events(Topics.RECEPTION, "reception.meeting-recorded",
                p -> p.path("siteId").asString().equals(site) && p.path("revision").asLong() == 2);
        assertThat(published).hasSize(1);
        assertThat(published.get(0).toString()).contains("139****4321").doesNotContain("87654321");
    }

    @Test
    @DisplayName("R-OPS-1 R-ATT-1 a past day's meeting record is evidence and stays as it was; only the MANAGER records, and only reps who receive customers report")
    void aPastMeetingIsKeptAsItWas() {
        aSite();
        Map<String, Object> body = object("reports", list(object("rep", site + "-rep1", "customers",
                list(object("name", "周女士", "newCustomer", true)))));
        web.put().uri(base() + "/meetings/{day}", today()).headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(body).exchange().expectStatus().isOk();
        clock.advance(Duration.ofDays(1));
        problem(web.put().uri(base() + "/meetings/{day}", today().minusDays(1)).headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(body).exchange(), 409, "meeting-closed", "已存档");
        problem(web.put().uri(base() + "/meetings/{day}", today().plusDays(1)).headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(body).exchange(), 400, "meeting-in-the-future", "不能提前记录");
        problem(web.put().uri(base() + "/meetings/{day}", today()).headers(h -> h.setBearerAuth(sales(site, site + "-rep1")))
                .bodyValue(body).exchange(), 403, "role-required", "销售经理");
        problem(web.put().uri(base() + "/meetings/{day}", today()).headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(object("reports", list(object("rep", site + "-fin")))).exchange(), 400, "rep-not-receiving", "财务");
        problem(web.put().uri(base() + "/meetings/{day}", today()).headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(object("reports", list(object("rep", "nobody")))).exchange(), 400, "rep-unknown", "nobody");
        problem(web.put().uri(base() + "/meetings/{day}", today()).headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(object("reports", list(object("rep", site + "-rep1", "customers", list(object("newCustomer", true))))))
                .exchange(), 400, "mention-unnamed", "档案编号或姓名");
        problem(web.put().uri(base() + "/meetings/{day}", today()).headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(object("reports", list(object("rep", site + "-rep1", "customers", list(object("name", "x", "phone", "12345"))))))
                .exchange(), 400, "phone-invalid", "电话号码无效");
        web.get().uri(base() + "/meetings/{day}", today().minusDays(1)).headers(h -> h.setBearerAuth(manager(site))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.revision").isEqualTo(1)
                .jsonPath("$.reports[0].customers[0].name").isEqualTo("周女士");
        web.get().uri(base() + "/meetings/{day}", today()).headers(h -> h.setBearerAuth(manager(site))).exchange()
                .expectStatus().isNotFound();
        web.get().uri(base() + "/meetings/{day}", today().minusDays(1))
                .headers(h -> h.setBearerAuth(ISSUER.token("BJ01-rep1", "SALES", "BJ01"))).exchange().expectStatus().isForbidden();
    }

    // ------------------------------------------------------------------ R-OPS-2

    @Test
    @DisplayName("R-OPS-2 a rep hands in the daily plan in the morning, the ASSISTANT sees who has not, hands it back before close, and the rep writes the summary")
    void theDailyPlanGoesToTheAssistantAndBack() {
        aSite();
        LocalDate day = LocalDate.now(SHANGHAI).plusDays(3);
        at(day, LocalTime.of(9, 0));
        JsonNode plan = web.post().uri(base() + "/plans").headers(h -> h.setBearerAuth(sales(site, site + "-rep1")))
                .bodyValue(object("kind", "DAILY", "items", list("回访 A 类客户 3 位", "邀约周末看房"))).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(plan.path("state").asString()).isEqualTo("HANDED_IN");
        assertThat(plan.path("period").asString()).isEqualTo(day.toString());
        assertThat(plan.path("late").asBoolean()).isFalse();
        String id = plan.path("id").asString();

        JsonNode board = web.get().uri(base() + "/plans?kind=DAILY").headers(h -> h.setBearerAuth(assistant(site))).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(board.path("plans").size()).isEqualTo(1);
        assertThat(board.path("missing").findValuesAsString("userId")).contains(site + "-rep2", "mgr-" + site, site + "-sup")
                .doesNotContain(site + "-rep1", site + "-fin");
        problem(web.get().uri(base() + "/plans").headers(h -> h.setBearerAuth(sales(site, site + "-rep2"))).exchange(),
                403, "role-required", "销售助理");

        problem(web.put().uri(base() + "/plans/{id}/summary", id).headers(h -> h.setBearerAuth(sales(site, site + "-rep1")))
                .bodyValue(object("summary", "完成")).exchange(), 409, "plan-not-returned", "还没有把计划发回");
        at(day, LocalTime.of(17, 30));
        web.post().uri(base() + "/plans/{id}/return", id).headers(h -> h.setBearerAuth(assistant(site))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("RETURNED");
        problem(web.post().uri(base() + "/plans").headers(h -> h.setBearerAuth(sales(site, site + "-rep1")))
                .bodyValue(object("kind", "DAILY", "items", list("改计划"))).exchange(), 409, "plan-returned", "发回");
        problem(web.put().uri(base() + "/plans/{id}/summary", id).headers(h -> h.setBearerAuth(sales(site, site + "-rep2")))
                .bodyValue(object("summary", "替别人写")).exchange(), 403, "plan-not-yours", "填写人");
        web.put().uri(base() + "/plans/{id}/summary", id).headers(h -> h.setBearerAuth(sales(site, site + "-rep1")))
                .bodyValue(object("summary", "回访 3 位，约到 1 组周六看房")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("SUMMARISED").jsonPath("$.returnedBy").isEqualTo(site + "-asst");

        // a plan handed in after noon is late
        web.post().uri(base() + "/plans").headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(object("kind", "DAILY", "items", list("晚会"))).exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.late").isEqualTo(true);
        assertThat(TopicProbe.events(Topics.RECEPTION, "reception.plan-changed",
                p -> p.path("planId").asString().equals(id) && p.path("state").asString().equals("SUMMARISED"))).hasSize(1);
    }

    @Test
    @DisplayName("R-OPS-2 the weekly plan is written on Saturday for the week that follows; handed in on Sunday it is late")
    void theWeeklyPlanIsWrittenOnSaturday() {
        aSite();
        LocalDate saturday = LocalDate.now(SHANGHAI).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        at(saturday, LocalTime.of(16, 0));
        web.post().uri(base() + "/plans").headers(h -> h.setBearerAuth(sales(site, site + "-rep1")))
                .bodyValue(object("kind", "WEEKLY", "items", list("完成 2 套认购"))).exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.period").isEqualTo(saturday.plusDays(2).toString()).jsonPath("$.late").isEqualTo(false);
        at(saturday.plusDays(1), LocalTime.of(10, 0));
        web.post().uri(base() + "/plans").headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(object("kind", "WEEKLY", "items", list("组织开盘"))).exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.period").isEqualTo(saturday.plusDays(2).toString()).jsonPath("$.late").isEqualTo(true);
        web.get().uri(base() + "/plans?kind=WEEKLY").headers(h -> h.setBearerAuth(manager(site))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.plans.length()").isEqualTo(2).jsonPath("$.period").isEqualTo(saturday.plusDays(2).toString());
    }

    // ------------------------------------------------------------------ R-OPS-3

    @Test
    @DisplayName("R-OPS-3 the SUPERVISOR records an incident — who, what, the parties taken away from the floor — and closes it with the outcome")
    void anIncidentIsRecordedAndClosed() {
        aSite();
        Map<String, Object> incident = object("occurredAt", Instant.now().minus(Duration.ofMinutes(20)).toString(),
                "parties", list(object("kind", "REP", "userId", site + "-rep1", "name", "张三"), object("kind", "CUSTOMER", "name", "王先生")),
                "what", "客户因车位价格与置业顾问争吵", "actionTaken", "主管将双方带离现场到洽谈室", "takenAwayFromFloor", true);
        JsonNode recorded = web.post().uri(base() + "/incidents").headers(h -> h.setBearerAuth(supervisor(site))).bodyValue(incident)
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        String id = recorded.path("id").asString();
        assertThat(recorded.path("status").asString()).isEqualTo("OPEN");
        web.get().uri(base() + "/incidents?open=true").headers(h -> h.setBearerAuth(manager(site))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].takenAwayFromFloor").isEqualTo(true);
        web.post().uri(base() + "/incidents/{id}/closing", id).headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(object("outcome", "经理解释车位定价，客户接受，继续看房")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED").jsonPath("$.closedBy").isEqualTo("mgr-" + site);
        problem(web.post().uri(base() + "/incidents/{id}/closing", id).headers(h -> h.setBearerAuth(manager(site)))
                .bodyValue(object("outcome", "again")).exchange(), 409, "incident-closed", "处理完毕");
        web.get().uri(base() + "/incidents?open=true").headers(h -> h.setBearerAuth(manager(site))).exchange()
                .expectBody().jsonPath("$.length()").isEqualTo(0);
        assertThat(TopicProbe.events(Topics.RECEPTION, "reception.incident-recorded",
                p -> p.path("incidentId").asString().equals(id) && p.path("status").asString().equals("CLOSED"))).hasSize(1);
    }

    @Test
    @DisplayName("R-OPS-3 bad incidents — by a rep, in the future, a week and more ago, with nobody involved — are refused and nothing is recorded")
    void badIncidentsAreRefused() {
        aSite();
        Map<String, Object> ok = object("parties", list(object("kind", "OTHER", "name", "路人")), "what", "在售楼处大声喧哗");
        problem(web.post().uri(base() + "/incidents").headers(h -> h.setBearerAuth(sales(site, site + "-rep1"))).bodyValue(ok).exchange(),
                403, "role-required", "销售主任");
        Map<String, Object> future = new java.util.LinkedHashMap<>(ok);
        future.put("occurredAt", Instant.now().plus(Duration.ofHours(2)).toString());
        problem(web.post().uri(base() + "/incidents").headers(h -> h.setBearerAuth(supervisor(site))).bodyValue(future).exchange(),
                400, "incident-in-the-future", "不能晚于现在");
        Map<String, Object> old = new java.util.LinkedHashMap<>(ok);
        old.put("occurredAt", Instant.now().minus(Duration.ofDays(8)).toString());
        problem(web.post().uri(base() + "/incidents").headers(h -> h.setBearerAuth(supervisor(site))).bodyValue(old).exchange(),
                400, "incident-too-old", "7 天内");
        problem(web.post().uri(base() + "/incidents").headers(h -> h.setBearerAuth(supervisor(site)))
                .bodyValue(object("parties", list(), "what", "x")).exchange(), 400, "invalid-input", "parties");
        problem(web.post().uri(base() + "/incidents").headers(h -> h.setBearerAuth(supervisor(site)))
                .bodyValue(object("parties", list(object("kind", "REP", "userId", "nobody")), "what", "x")).exchange(),
                400, "rep-unknown", "nobody");
        web.get().uri(base() + "/incidents").headers(h -> h.setBearerAuth(manager(site))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
    }

    // ------------------------------------------------------------------ R-OPS-5

    @Test
    @DisplayName("R-OPS-5 a rep shares the week's market note and the team reads it; a 1 MB note is refused and nothing is kept")
    void marketNotesAreSharedWithTheTeam() {
        aSite();
        web.post().uri(base() + "/market-notes").headers(h -> h.setBearerAuth(sales(site, site + "-rep2")))
                .bodyValue(object("title", "本周区域成交", "content", "周边两个项目降价 3%，竞品开盘", "sources", list("房天下 12月第1周")))
                .exchange().expectStatus().isCreated();
        web.get().uri(base() + "/market-notes").headers(h -> h.setBearerAuth(sales(site, site + "-rep3"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].title").isEqualTo("本周区域成交");
        problem(web.post().uri(base() + "/market-notes").headers(h -> h.setBearerAuth(ISSUER.token(site + "-fin", "FINANCE", site)))
                .bodyValue(object("title", "t", "content", "c")).exchange(), 403, "role-required", "置业顾问");
        problem(web.post().uri(base() + "/market-notes").headers(h -> h.setBearerAuth(sales(site, site + "-rep2")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"大\",\"content\":\"" + "很".repeat(350_000) + "\"}").exchange(), 413, "body-too-large", "");
        problem(web.post().uri(base() + "/market-notes").headers(h -> h.setBearerAuth(sales(site, site + "-rep2")))
                .bodyValue(object("title", "t", "content", "很".repeat(8001))).exchange(), 400, "invalid-input", "content");
        web.get().uri(base() + "/market-notes").headers(h -> h.setBearerAuth(manager(site))).exchange()
                .expectBody().jsonPath("$.length()").isEqualTo(1);
    }

    private static void problem(WebTestClient.ResponseSpec response, int status, String type, String detailMentions) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:" + type)
                .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).contains(detailMentions));
    }
}
