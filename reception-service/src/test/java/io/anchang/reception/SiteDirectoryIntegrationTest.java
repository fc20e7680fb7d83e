package io.anchang.reception;

import io.anchang.testing.BadTokens;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.KeepAliveProbe;
import io.anchang.testing.RefusalTrail;
import io.anchang.testing.SiteIsolationWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.anchang.reception.ReceptionFixture.ISSUER;
import static io.anchang.reception.ReceptionFixture.aSiteWithStaff;
import static io.anchang.reception.ReceptionFixture.admin;
import static io.anchang.reception.ReceptionFixture.manager;
import static io.anchang.reception.ReceptionFixture.member;
import static io.anchang.reception.ReceptionFixture.sales;
import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The site directory: sites, staff, effective-dated policy settings (section P), audited; and site isolation (R-SEC-1). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SiteDirectoryIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "reception-directory-it");
    }

    @Autowired
    WebTestClient web;

    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void sites() {
        aSiteWithStaff(web, "SH01");
        aSiteWithStaff(web, "BJ01");
    }

    @Test
    void onlyAnAdminRegistersASite() {
        web.post().uri("/api/reception/sites").headers(h -> h.setBearerAuth(manager("SH01")))
                .bodyValue(object("code", "GZ01", "name", "广州案场"))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/api/reception/sites/GZ01").headers(h -> h.setBearerAuth(admin()))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void aSiteIsRegisteredWithTheRulebooksDefaultsAndShanghaiTime() {
        web.post().uri("/api/reception/sites").headers(h -> h.setBearerAuth(admin()))
                .bodyValue(object("code", "HZ01", "name", "杭州案场"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.timeZone").isEqualTo("Asia/Shanghai").jsonPath("$.revision").isEqualTo(1);
        web.get().uri("/api/reception/sites/HZ01/policies").headers(h -> h.setBearerAuth(admin()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.current.protectionMonths").isEqualTo(2)
                .jsonPath("$.current.splitRefusedOwner.first").isEqualTo(80)
                .jsonPath("$.current.holdMinutes").isEqualTo(30);
        web.post().uri("/api/reception/sites").headers(h -> h.setBearerAuth(admin()))
                .bodyValue(object("code", "HZ01", "name", "again"))
                .exchange().expectStatus().isEqualTo(409);
    }

    @Test
    @DisplayName("R-SEC-4 a policy change takes effect from its day, and the trail keeps who, why, before and after")
    void policyChangesAreEffectiveDatedAndAudited() {
        Map<String, Object> settings = new java.util.LinkedHashMap<>(defaults());
        settings.put("holdMinutes", 45);
        web.post().uri("/api/reception/sites/SH01/policies").headers(h -> h.setBearerAuth(manager("SH01")))
                .bodyValue(object("effectiveFrom", today.toString(), "settings", settings, "reason", "开盘当天延长保留时间"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.current.holdMinutes").isEqualTo(45);

        web.post().uri("/api/reception/sites/SH01/policies").headers(h -> h.setBearerAuth(manager("SH01")))
                .bodyValue(object("effectiveFrom", today.minusDays(1).toString(), "settings", settings, "reason", "补录"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:policy-in-the-past");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                web.get().uri("/api/reception/sites/SH01/audit").headers(h -> h.setBearerAuth(manager("SH01")))
                        .exchange().expectStatus().isOk()
                        .expectBody()
                        .jsonPath("$[?(@.reason == '开盘当天延长保留时间')].actor").isEqualTo(List.of("mgr-SH01"))
                        .jsonPath("$[?(@.reason == '开盘当天延长保留时间')].before").value(before ->
                                assertThat(before.toString()).contains("SH01")));
        web.get().uri("/api/reception/sites/SH01/audit/verification").headers(h -> h.setBearerAuth(manager("SH01")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.intact").isEqualTo(true);
    }

    @Test
    void aRepCannotChangeTheStaffOrThePolicy() {
        web.put().uri("/api/reception/sites/SH01/staff").headers(h -> h.setBearerAuth(sales("SH01", "SH01-rep1")))
                .bodyValue(object("staff", list(member("SH01-rep1", "张三", "MANAGER"))))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/api/reception/sites/SH01").headers(h -> h.setBearerAuth(sales("SH01", "SH01-rep1")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.staff[?(@.userId == 'SH01-rep1')].role").isEqualTo(List.of("SALES"));
    }

    @Test
    @DisplayName("R-SEC-1 HEAD_OFFICE reads every site and changes none")
    void headOfficeReadsEverySiteAndChangesNone() {
        String headOffice = ISSUER.token("ho-1", List.of("HEAD_OFFICE"), List.of());
        web.get().uri("/api/reception/sites").headers(h -> h.setBearerAuth(headOffice))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[*].code").value(codes -> assertThat(String.valueOf(codes)).contains("SH01", "BJ01"));
        web.put().uri("/api/reception/sites/SH01/staff").headers(h -> h.setBearerAuth(headOffice))
                .bodyValue(object("staff", list())).exchange().expectStatus().isForbidden();
    }

    @Test
    @DisplayName("R-SEC-1 a user sees only the sites of their token")
    void aUserListsOnlyTheirSites() {
        web.get().uri("/api/reception/sites").headers(h -> h.setBearerAuth(sales("SH01", "SH01-rep1")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[*].code").isEqualTo(List.of("SH01"));
    }

    static String adminOf(String site) {
        return ISSUER.token("admin-" + site, "ADMIN", site);
    }

    @Test
    @DisplayName("R-SEC-1 an ADMIN of SH01 manages no other site: renaming BJ01, its staff, its policy, reading it and its audit trail "
            + "are 403 site-access-denied and change nothing")
    void anAdminOfOneSiteManagesNoOther() {
        String before = web.get().uri("/api/reception/sites/BJ01").headers(h -> h.setBearerAuth(admin()))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        long trail = auditEntries("BJ01");
        String sh01Admin = adminOf("SH01");

        List<WebTestClient.ResponseSpec> attempts = List.of(
                web.put().uri("/api/reception/sites/BJ01").headers(h -> h.setBearerAuth(sh01Admin))
                        .bodyValue(object("name", "被改名的北京案场", "timeZone", "Asia/Shanghai")).exchange(),
                web.put().uri("/api/reception/sites/BJ01/staff").headers(h -> h.setBearerAuth(sh01Admin))
                        .bodyValue(object("staff", list(member("intruder", "外人", "MANAGER")))).exchange(),
                web.post().uri("/api/reception/sites/BJ01/policies").headers(h -> h.setBearerAuth(sh01Admin))
                        .bodyValue(object("effectiveFrom", today.toString(), "settings", defaults(), "reason", "越权修改")).exchange(),
                web.get().uri("/api/reception/sites/BJ01").headers(h -> h.setBearerAuth(sh01Admin)).exchange(),
                web.get().uri("/api/reception/sites/BJ01/policies").headers(h -> h.setBearerAuth(sh01Admin)).exchange(),
                web.get().uri("/api/reception/sites/BJ01/audit").headers(h -> h.setBearerAuth(sh01Admin)).exchange(),
                web.get().uri("/api/reception/sites/BJ01/audit/verification").headers(h -> h.setBearerAuth(sh01Admin)).exchange());
        attempts.forEach(answer -> answer.expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied")
                .jsonPath("$.staff").doesNotExist()
                .jsonPath("$.current").doesNotExist());

        web.get().uri("/api/reception/sites/BJ01").headers(h -> h.setBearerAuth(admin()))
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo(before);
        assertThat(auditEntries("BJ01")).as("nothing written to BJ01's trail").isEqualTo(trail);
    }

    @Test
    @DisplayName("R-SEC-1 an ADMIN of SH01 manages SH01: renames it, keeps its staff, reads its trail")
    void anAdminOfASiteManagesIt() {
        String sh01Admin = adminOf("SH01");
        web.put().uri("/api/reception/sites/SH01").headers(h -> h.setBearerAuth(sh01Admin))
                .bodyValue(object("name", "案场 SH01", "timeZone", "Asia/Shanghai"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.code").isEqualTo("SH01");
        web.get().uri("/api/reception/sites/SH01").headers(h -> h.setBearerAuth(sh01Admin))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.code").isEqualTo("SH01");
        web.get().uri("/api/reception/sites/SH01/audit").headers(h -> h.setBearerAuth(sh01Admin))
                .exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("R-SEC-1 only an ADMIN of every site (*) registers a site: an ADMIN of SH01 may not, not even a code their token names")
    void onlyAnAdminOfEverySiteRegistersASite() {
        String code = "GZ" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        String admins = ISSUER.token("admin-sh-new", List.of("ADMIN"), List.of("SH01", code));
        for (String token : List.of(adminOf("SH01"), admins)) {
            web.post().uri("/api/reception/sites").headers(h -> h.setBearerAuth(token))
                    .bodyValue(object("code", code, "name", "新案场"))
                    .exchange().expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
            // refused before the body is read: what it holds does not matter
            web.post().uri("/api/reception/sites").headers(h -> h.setBearerAuth(token))
                    .bodyValue(object()).exchange().expectStatus().isForbidden();
        }
        web.get().uri("/api/reception/sites/" + code).headers(h -> h.setBearerAuth(admin()))
                .exchange().expectStatus().isNotFound();
        web.post().uri("/api/reception/sites").headers(h -> h.setBearerAuth(admin()))
                .bodyValue(object("code", code, "name", "新案场"))
                .exchange().expectStatus().isCreated();
    }

    @Test
    @DisplayName("R-SEC-1 an ADMIN of SH01 lists SH01 only; an ADMIN of * lists every site")
    void anAdminListsOnlyTheirSites() {
        web.get().uri("/api/reception/sites").headers(h -> h.setBearerAuth(adminOf("SH01")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[*].code").isEqualTo(List.of("SH01"));
        web.get().uri("/api/reception/sites").headers(h -> h.setBearerAuth(admin()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[*].code").value(codes -> assertThat(String.valueOf(codes)).contains("SH01", "BJ01"));
    }

    @Test
    @DisplayName("R-SEC-1 every route, called for SH01 by BJ01's ADMIN, is refused or finds nothing, and writes nothing")
    void everyRouteIsIsolatedFromAnAdminOfAnotherSite(@LocalManagementPort int managementPort) {
        assertEveryRouteIsolatesSH01From(adminOf("BJ01"), managementPort);
    }

    @Test
    @DisplayName("issue 10: the desk's kept-alive connection from the gateway is read request after request, also after a request refused before its body was read")
    void keepsReadingAKeptAliveConnection(@LocalServerPort int port) throws IOException {
        String token = manager("SH01");
        try (KeepAliveProbe probe = new KeepAliveProbe(port, 10_000)) {
            for (int round = 1; round <= 30; round++) {
                String read = probe.request("GET", "/api/reception/sites/SH01/audit/verification", null)
                        .replace("Accept:", "Authorization: Bearer " + token + "\r\nAccept:");
                String refusedWithBody = probe.request("POST", "/api/reception/sites/SH01/visits",
                        "{\"requestId\":\"keep-alive-" + round + "\",\"phone\":\"13800138000\"}");
                String refused = probe.request("GET", "/api/reception/sites/SH01/rotation", null);
                assertThat(probe.send("round " + round, read, refusedWithBody, refused)).as("round %d", round)
                        .containsExactly(200, 401, 401);
            }
        }
    }

    @Test
    void everyBadTokenIsRefused() {
        BadTokens.assertEachRefused(web, "/api/reception/sites/SH01/rotation", "SH01");
        BadTokens.assertEachRefused(web, "/api/reception/sites", "SH01");
    }

    @Test
    @DisplayName("R-SEC-1 every route, called for SH01 by BJ01's manager, is refused or finds nothing, and writes nothing")
    void everyRouteIsIsolatedBySite(@LocalManagementPort int managementPort) {
        assertEveryRouteIsolatesSH01From(manager("BJ01"), managementPort);
    }

    @Test
    @DisplayName("R-SEC-4 the refusals BJ01's manager meets walking every SH01 route are on BJ01's own trail — naming mgr-BJ01 "
            + "and the SH01 paths, at most 10 in full a minute — and that trail still verifies")
    void anotherSitesManagersRefusalsAreAuditedOnTheirOwnTrail(@LocalManagementPort int managementPort) {
        WebTestClient docs = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).responseTimeout(Duration.ofSeconds(60)).build();
        List<SiteIsolationWalk.Call> calls = SiteIsolationWalk.walk(docs, web, manager("BJ01"), "SH01");
        assertThat(calls).anySatisfy(call -> assertThat(call.status()).isEqualTo(403));
        RefusalTrail.assertAuditedOnOwnTrail(web, "/api/reception", "BJ01", manager("BJ01"), "mgr-BJ01", "/api/reception/sites/SH01");
    }

    /** Walks every route for SH01 with another site's token: each refused or finding nothing, nothing written. */
    private void assertEveryRouteIsolatesSH01From(String token, int managementPort) {
        long before = auditEntries();
        // the first API document is generated on demand: slow on a loaded machine
        WebTestClient docs = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).responseTimeout(Duration.ofSeconds(60)).build();
        List<SiteIsolationWalk.Call> calls = SiteIsolationWalk.walk(docs, web, token, "SH01");
        assertThat(calls).hasSizeGreaterThanOrEqualTo(8);
        assertThat(calls).allSatisfy(call -> assertThat(call.isolated("SH01")).as(call.toString()).isTrue());
        assertThat(auditEntries()).isEqualTo(before);
    }

    private long auditEntries() {
        return auditEntries("SH01");
    }

    private long auditEntries(String site) {
        Number entries = web.get().uri("/api/reception/sites/" + site + "/audit/verification").headers(h -> h.setBearerAuth(manager(site)))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()
                .get("entries") instanceof Number n ? n : 0;
        return entries.longValue();
    }

    static Map<String, Object> defaults() {
        return object("protectionMonths", 2, "protectionRenewsOn", "VISIT", "owedTurnsWhenBusy", false,
                "namedFirstVisitUsesTurn", true, "splitRefusedOwner", split(80, 20), "splitHelperSameDay", split(50, 50),
                "splitHelperLater", split(80, 20), "splitForgotten", split(50, 50), "splitNamedLater", split(50, 50),
                "holdMinutes", 30, "smallDepositDays", 7, "contractDays", 15, "transferFeePercent", 1.0,
                "transferFeeFixed", null, "breachMonths", 2, "repDiscountPercent", 1.0, "managerDiscountPercent", 3.0);
    }

    static Map<String, Object> split(int first, int second) {
        return object("first", first, "second", second);
    }
}
