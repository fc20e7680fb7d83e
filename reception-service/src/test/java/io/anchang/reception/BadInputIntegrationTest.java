package io.anchang.reception;

import io.anchang.testing.Infrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static io.anchang.reception.ReceptionFixture.aSiteWithStaff;
import static io.anchang.reception.ReceptionFixture.admin;
import static io.anchang.reception.ReceptionFixture.manager;
import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to the skeleton's endpoints gets a problem detail that says what is wrong —
 * 400, 404, 405, 413 or 415, never 500 — and changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class BadInputIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "reception-badinput-it");
    }

    @Autowired
    WebTestClient web;

    LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2);

    @BeforeEach
    void aRotation() {
        aSiteWithStaff(web, "SH01");
        put("/api/reception/sites/SH01/rotations/" + day, object("reps", list("SH01-rep1", "SH01-rep2")))
                .expectStatus().isOk();
    }

    @Test
    void malformedJsonSaysTheBodyIsNotJson() {
        problem(putRaw("/api/reception/sites/SH01/rotations/" + day, "{\"reps\": [\"SH01-rep1\""), 400, "invalid-input", "not valid JSON");
        nothingChanged();
    }

    @Test
    void aWrongTypeNamesTheField() {
        problem(putRaw("/api/reception/sites/SH01/rotations/" + day, "{\"reps\": \"SH01-rep3\"}"), 400, "invalid-input", "reps");
        problem(putRaw("/api/reception/sites/SH01/rotations/" + day, "{\"reps\": [3]}"), 400, "invalid-input", "reps");
        nothingChanged();
    }

    @Test
    void aMissingFieldIsNamed() {
        problem(put("/api/reception/sites/SH01/rotations/" + day, object()), 400, "invalid-input", "reps");
        problem(put("/api/reception/sites/SH01/rotations/" + day, object("reps", list(""))), 400, "invalid-input", "reps");
        nothingChanged();
    }

    @Test
    void anUnknownEnumValueListsTheAllowedOnes() {
        String body = "{\"staff\":[{\"userId\":\"SH01-rep9\",\"name\":\"赵六\",\"role\":\"BOSS\"}]}";
        problem(web.put().uri("/api/reception/sites/SH01/staff").headers(h -> h.setBearerAuth(admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(), 400, "invalid-input", "SALES");
        web.get().uri("/api/reception/sites/SH01").headers(h -> h.setBearerAuth(manager("SH01"))).exchange()
                .expectBody().jsonPath("$.staff[?(@.userId == 'SH01-rep9')]").isEmpty();
    }

    @Test
    void aBadDayInThePathSaysWhatADayLooksLike() {
        problem(put("/api/reception/sites/SH01/rotations/2026-13-45", object("reps", list("SH01-rep1"))), 400, "invalid-input", "2026-11-27");
    }

    @Test
    void anUnknownRepIsNamedAndNothingChanges() {
        problem(put("/api/reception/sites/SH01/rotations/" + day, object("reps", list("SH01-rep1", "nobody"))), 400, "rep-unknown", "nobody");
        problem(put("/api/reception/sites/SH01/rotations/" + day, object("reps", list("SH01-fin"))), 400, "rep-not-receiving", "FINANCE");
        problem(put("/api/reception/sites/SH01/rotations/" + day, object("reps", list("SH01-rep1", "SH01-rep1"))), 400, "rep-twice", "张三");
        nothingChanged();
    }

    @Test
    void anUnknownSiteIsNotFound() {
        web.get().uri("/api/reception/sites/ZZ99/rotation").headers(h -> h.setBearerAuth(admin())).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-unknown");
    }

    @Test
    void impossibleSettingsAreRefusedWithTheReason() {
        Map<String, Object> settings = new java.util.LinkedHashMap<>(SiteDirectoryIntegrationTest.defaults());
        settings.put("splitRefusedOwner", object("first", 80, "second", 30));
        problem(web.post().uri("/api/reception/sites/SH01/policies").headers(h -> h.setBearerAuth(manager("SH01")))
                .bodyValue(object("effectiveFrom", day.toString(), "settings", settings, "reason", "x")).exchange(),
                400, "invalid-input", "sum to 100");
        settings.put("splitRefusedOwner", object("first", 80, "second", 20));
        settings.put("holdMinutes", "thirty");
        problem(web.post().uri("/api/reception/sites/SH01/policies").headers(h -> h.setBearerAuth(manager("SH01")))
                .bodyValue(object("effectiveFrom", day.toString(), "settings", settings, "reason", "x")).exchange(),
                400, "invalid-input", "holdMinutes");
        web.get().uri("/api/reception/sites/SH01/policies").headers(h -> h.setBearerAuth(manager("SH01"))).exchange()
                .expectBody().jsonPath("$.versions.length()").isEqualTo(0);
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "{\"reps\":[\"" + "x".repeat(300 * 1024) + "\"]}";
        problem(putRaw("/api/reception/sites/SH01/rotations/" + day, huge), 413, "body-too-large", "larger than this service accepts");
        nothingChanged();
    }

    @Test
    void theWrongMethodMediaTypeOrPathIsAProblemDetailToo() {
        problem(web.delete().uri("/api/reception/sites/SH01/rotations/" + day).headers(h -> h.setBearerAuth(manager("SH01"))).exchange(),
                405, "method-not-allowed", "DELETE");
        problem(web.put().uri("/api/reception/sites/SH01/rotations/" + day).headers(h -> h.setBearerAuth(manager("SH01")))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("SH01-rep1").exchange(), 415, "unsupported-media-type", "JSON");
        problem(web.get().uri("/api/reception/nothing-here").headers(h -> h.setBearerAuth(manager("SH01"))).exchange(),
                404, "not-found", "nothing-here");
    }

    @Test
    @DisplayName("bad walk-ins: an unknown rep, a rep of another site, an impossible phone, a status change for a rep not on duty — a clear problem, nothing changed")
    void badWalkInsChangeNothing() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        aSiteWithStaff(web, "BJ01");
        put("/api/reception/sites/SH01/rotations/" + today, object("reps", list("SH01-rep1", "SH01-rep2"))).expectStatus().isOk();
        String desk = ReceptionFixture.sales("SH01", "SH01-rep1");
        problem(web.post().uri("/api/reception/sites/SH01/visits").headers(h -> h.setBearerAuth(desk))
                .bodyValue(object("requestId", "bad-1", "phone", "13800138000", "namedReps", list("nobody"))).exchange(),
                400, "rep-unknown", "nobody");
        problem(web.post().uri("/api/reception/sites/SH01/visits").headers(h -> h.setBearerAuth(desk))
                .bodyValue(object("requestId", "bad-2", "phone", "13800138000", "askedFor", "BJ01-rep1")).exchange(),
                400, "rep-unknown", "不在案场 SH01 的员工名单中");
        problem(web.post().uri("/api/reception/sites/SH01/visits").headers(h -> h.setBearerAuth(desk))
                .bodyValue(object("requestId", "bad-3", "phone", "12345")).exchange(), 400, "phone-invalid", "电话号码无效");
        problem(web.post().uri("/api/reception/sites/SH01/visits").headers(h -> h.setBearerAuth(desk))
                .bodyValue(object("requestId", "bad-4", "phone", "13800138000", "broughtByPhone", "999")).exchange(),
                400, "phone-invalid", "999");
        problem(web.put().uri("/api/reception/sites/SH01/reps/SH01-rep3/status").headers(h -> h.setBearerAuth(manager("SH01")))
                .bodyValue(object("status", "OUT")).exchange(), 400, "rep-not-on-duty", "置业顾问 王五 不在今日排班中");
        problem(web.put().uri("/api/reception/sites/SH01/reps/BJ01-rep1/status").headers(h -> h.setBearerAuth(manager("SH01")))
                .bodyValue(object("status", "OUT")).exchange(), 400, "rep-unknown", "BJ01-rep1");
        web.post().uri("/api/reception/sites/SH01/visits").headers(h -> h.setBearerAuth(ReceptionFixture.sales("BJ01", "BJ01-rep1")))
                .bodyValue(object("requestId", "bad-5", "phone", "13800138000")).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("urn:anchang:problem:site-access-denied");
        web.get().uri("/api/reception/sites/SH01/visits").headers(h -> h.setBearerAuth(manager("SH01"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        web.get().uri("/api/reception/sites/SH01/rotation").headers(h -> h.setBearerAuth(manager("SH01"))).exchange()
                .expectBody().jsonPath("$.order[0].status").isEqualTo("AVAILABLE").jsonPath("$.order[1].status").isEqualTo("AVAILABLE")
                .jsonPath("$.queue.length()").isEqualTo(0);
    }

    private WebTestClient.ResponseSpec put(String path, Object body) {
        return web.put().uri(path).headers(h -> h.setBearerAuth(manager("SH01"))).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec putRaw(String path, String body) {
        return web.put().uri(path).headers(h -> h.setBearerAuth(manager("SH01")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static void problem(WebTestClient.ResponseSpec response, int status, String type, String detailMentions) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:anchang:problem:" + type)
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.correlationId").exists()
                .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).contains(detailMentions));
    }

    private void nothingChanged() {
        web.get().uri("/api/reception/sites/SH01/rotations/" + day).headers(h -> h.setBearerAuth(manager("SH01"))).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.order[*].userId").isEqualTo(list("SH01-rep1", "SH01-rep2"));
    }
}
