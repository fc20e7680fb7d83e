package io.anchang.customer;

import io.anchang.platform.events.Topics;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Care (R-CUS-8) and personal data (R-CUS-13) through the API, with the tokens of reps, the SUPERVISOR, the MANAGER and FINANCE. */
class CareAndPrivacyIntegrationTest extends ArchiveIntegrationTest {

    private static final String VALID_ID = "11010519491231002X";

    private Map<String, Object> familyProfile() {
        return object("hobbies", list("高尔夫", "茶"), "occupation", "外贸", "industry", "贸易", "festivalGreetings", true,
                "gift", object("kind", "FLOWERS", "note", "百合"),
                "people", list(object("name", "孙丽华", "relation", "SELF", "calendar", "SOLAR", "year", 1978, "month", 6, "day", 1),
                        object("name", "王阿姨", "relation", "PARENT", "calendar", "LUNAR", "month", 3, "day", 3)));
    }

    private List<String> greetings(String token) {
        JsonNode list = json(web.get().uri(base() + "/greetings").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk());
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        list.forEach(g -> lines.add(g.path("archiveNo").asString() + " " + g.path("kind").asString() + " " + g.path("occasion").asString()));
        return lines;
    }

    @Test
    @DisplayName("R-CUS-8 a family member's lunar birthday and the Mid-Autumn greeting fall on their solar dates in 2025, 2026 and 2027 (the server's clock)")
    void lunarBirthdayAndMidAutumnInThreeYears() {
        Map<String, Object> customer = customerOf("A", "孙丽华");
        String archiveNo = (String) customer.get("archiveNo");
        web.put().uri(base() + "/customers/{c}/care", archiveNo).headers(h -> h.setBearerAuth(sales("A"))).bodyValue(familyProfile())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.people[1].birthday.calendar").isEqualTo("LUNAR");
        Map<Integer, LocalDate[]> days = Map.of(
                2025, new LocalDate[]{LocalDate.of(2025, 3, 31), LocalDate.of(2025, 10, 6)},
                2026, new LocalDate[]{LocalDate.of(2026, 4, 19), LocalDate.of(2026, 9, 25)},
                2027, new LocalDate[]{LocalDate.of(2027, 4, 9), LocalDate.of(2027, 9, 15)});
        days.forEach((year, d) -> {
            at(d[0], LocalTime.of(8, 30));
            assertThat(greetings(sales("A"))).as("三月初三 of " + year).containsExactly(archiveNo + " BIRTHDAY 父母王阿姨生日（农历3月初三）");
            at(d[0].minusDays(1), LocalTime.of(8, 30));
            assertThat(greetings(sales("A"))).as("the day before 三月初三 of " + year).isEmpty();
            at(d[1], LocalTime.of(8, 30));
            assertThat(greetings(sales("A"))).as("Mid-Autumn of " + year).containsExactly(archiveNo + " FESTIVAL 中秋节");
        });
        at(LocalDate.of(2026, 6, 1), LocalTime.of(9, 0));
        assertThat(greetings(sales("A"))).containsExactly(archiveNo + " BIRTHDAY 本人生日（公历6月1日）");
        assertThat(greetings(sales("B"))).as("another rep's list").isEmpty();
        assertThat(greetings(manager())).as("the MANAGER sees every rep's").containsExactly(archiveNo + " BIRTHDAY 本人生日（公历6月1日）");
        problem(web.get().uri(base() + "/greetings?rep={rep}", rep("A")).headers(h -> h.setBearerAuth(sales("B"))).exchange(),
                403, "not-your-list", "自己的问候名单");
        List<JsonNode> events = TopicProbe.events(Topics.CUSTOMER, "customer.care-profile-changed",
                p -> p.path("customerId").asString().equals(customer.get("customerId")));
        assertThat(events.get(0).path("payload").path("lunarBirthdays").asInt()).isEqualTo(1);
        assertThat(events.get(0).toString()).doesNotContain("王阿姨");
    }

    @Test
    @DisplayName("R-CUS-8 R-ATT-12 only the customer's rep, a SUPERVISOR or the MANAGER writes the care profile; impossible birthdays are refused and nothing is stored")
    void badCareProfilesStoreNothing() {
        String archiveNo = (String) customerOf("A", "吴先生").get("archiveNo");
        problem(web.put().uri(base() + "/customers/{c}/care", archiveNo).headers(h -> h.setBearerAuth(sales("B"))).bodyValue(familyProfile())
                .exchange(), 403, "not-customers-rep", "客户的置业顾问");
        problem(web.put().uri(base() + "/customers/{c}/care", archiveNo).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("people", list(object("name", "吴先生", "relation", "SELF", "calendar", "SOLAR", "month", 2, "day", 30))))
                .exchange(), 400, "birthday-invalid", "公历没有 2 月 30 日");
        problem(web.put().uri(base() + "/customers/{c}/care", archiveNo).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("people", list(object("name", "吴太太", "relation", "SPOUSE", "calendar", "LUNAR", "year", 2026,
                        "month", 6, "day", 1, "leapMonth", true))))
                .exchange(), 400, "birthday-invalid", "农历 2026 年没有闰6 月");
        problem(web.put().uri(base() + "/customers/{c}/care", archiveNo).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("note", "很".repeat(2001))).exchange(), 400, "invalid-input", "note");
        problem(web.put().uri(base() + "/customers/{c}/care", archiveNo).headers(h -> h.setBearerAuth(sales("A")))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"note\":\"" + "很".repeat(350_000) + "\"}").exchange(), 413, "body-too-large", "");
        problem(web.get().uri(base() + "/customers/{c}/care", archiveNo).headers(h -> h.setBearerAuth(manager())).exchange(),
                404, "care-profile-unknown", archiveNo);
        web.put().uri(base() + "/customers/{c}/care", archiveNo).headers(h -> h.setBearerAuth(supervisor())).bodyValue(familyProfile())
                .exchange().expectStatus().isOk();
        web.get().uri(base() + "/customers/{c}/care", archiveNo).headers(h -> h.setBearerAuth(ISSUER.token("BJ01-rep1", "SALES", "BJ01")))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    @DisplayName("R-CUS-13 a withdrawn consent takes the customer off every greeting and call list; withdrawing consent to keep the data erases care and the ID number")
    void withdrawnConsentTakesTheCustomerOffEveryList() {
        Map<String, Object> customer = customerOf("A", "孙丽华");
        String archiveNo = (String) customer.get("archiveNo");
        String other = (String) customerOf("A", "钱先生").get("archiveNo");
        web.put().uri(base() + "/customers/{c}/care", archiveNo).headers(h -> h.setBearerAuth(sales("A"))).bodyValue(familyProfile())
                .exchange().expectStatus().isOk();
        web.put().uri(base() + "/customers/{c}/id-number", archiveNo).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("idNumber", VALID_ID)).exchange().expectStatus().isOk();
        at(LocalDate.of(2026, 9, 25), LocalTime.of(9, 0));
        web.post().uri(base() + "/call-lists/{day}/INVITATION/entries", today()).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("entries", list(object("customer", archiveNo, "note", "邀约参加中秋业主答谢会"), object("customer", other))))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.entries.length()").isEqualTo(2);
        assertThat(greetings(sales("A"))).contains(archiveNo + " FESTIVAL 中秋节");
        assertThat(texts(json(web.get().uri(base() + "/call-lists").headers(h -> h.setBearerAuth(sales("A"))).exchange()), "archiveNo"))
                .containsExactly(archiveNo, other);

        web.post().uri(base() + "/customers/{c}/consents", archiveNo).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("which", "CONTACT", "given", false, "how", "PHONE", "note", "客户来电：不要再打电话"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.contactAllowed").isEqualTo(false);
        assertThat(greetings(sales("A"))).doesNotContain(archiveNo + " FESTIVAL 中秋节");
        assertThat(texts(json(web.get().uri(base() + "/call-lists").headers(h -> h.setBearerAuth(manager())).exchange()), "archiveNo"))
                .containsExactly(other);
        problem(web.post().uri(base() + "/call-lists/{day}/SIGNING/entries", today()).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("entries", list(object("customer", other), object("customer", archiveNo)))).exchange(),
                409, "contact-withdrawn", archiveNo);
        web.get().uri(base() + "/call-lists").headers(h -> h.setBearerAuth(manager())).exchange().expectBody()
                .jsonPath("$[?(@.purpose == 'SIGNING')]").isEmpty();

        web.post().uri(base() + "/customers/{c}/consents", archiveNo).headers(h -> h.setBearerAuth(assistant()))
                .bodyValue(object("which", "KEEP_DATA", "given", false, "how", "WRITTEN", "note", "书面要求删除个人信息"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.idNumber").isEmpty()
                .jsonPath("$.history.length()").isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri(base() + "/customers/{c}/care", archiveNo)
                .headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.erased").isEqualTo(true).jsonPath("$.people.length()").isEqualTo(0).jsonPath("$.hobbies.length()").isEqualTo(0));
        problem(web.put().uri(base() + "/customers/{c}/care", archiveNo).headers(h -> h.setBearerAuth(sales("A"))).bodyValue(familyProfile())
                .exchange(), 409, "consent-keep-data-withdrawn", "撤回保存资料");
        problem(web.post().uri(base() + "/customers/{c}/consents", archiveNo).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("which", "CONTACT", "given", true, "how", "PHONE")).exchange(), 409, "consent-keep-data-withdrawn", "");
    }

    @Test
    @DisplayName("R-CUS-13 R-SEC-3 an ID number with a wrong check digit is refused; a right one is answered and published masked; the whole number only by an audited reveal")
    void idNumbersAreCheckedMaskedAndRevealedOnTheRecord() {
        Map<String, Object> customer = customerOf("A", "郑女士");
        String archiveNo = (String) customer.get("archiveNo");
        problem(web.put().uri(base() + "/customers/{c}/id-number", archiveNo).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("idNumber", "110105194912310021")).exchange(), 400, "id-number-invalid", "校验位不符");
        web.get().uri(base() + "/customers/{c}/personal-data", archiveNo).headers(h -> h.setBearerAuth(manager())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.idNumber").isEmpty();
        problem(web.put().uri(base() + "/customers/{c}/id-number", archiveNo).headers(h -> h.setBearerAuth(sales("B")))
                .bodyValue(object("idNumber", VALID_ID)).exchange(), 403, "not-customers-rep", "");
        JsonNode recorded = json(web.put().uri(base() + "/customers/{c}/id-number", archiveNo).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("idNumber", VALID_ID.toLowerCase())).exchange().expectStatus().isOk());
        assertThat(recorded.path("idNumber").asString()).isEqualTo("110***********002X");
        assertThat(recorded.toString()).doesNotContain("19491231");

        problem(web.post().uri(base() + "/customers/{c}/id-number/reveal", archiveNo).headers(h -> h.setBearerAuth(sales("B")))
                .bodyValue(object("reason", "想看看")).exchange(), 403, "reveal-not-allowed", "记入审计");
        web.post().uri(base() + "/customers/{c}/id-number/reveal", archiveNo).headers(h -> h.setBearerAuth(finance()))
                .bodyValue(object("reason", "开具收据核对身份")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.idNumber").isEqualTo(VALID_ID);

        JsonNode audit = auditWith("customer.id-number-revealed");
        assertThat(texts(audit, "action")).contains("security.id-number-reveal-refused", "customer.id-number-recorded");
        assertThat(audit.toString()).as("the trail keeps the number masked").contains("110***********002X").doesNotContain(VALID_ID);
        List<JsonNode> events = TopicProbe.events(Topics.CUSTOMER, "customer.id-number-recorded",
                p -> p.path("customerId").asString().equals(customer.get("customerId")));
        assertThat(events.get(0).toString()).contains("110***********002X").doesNotContain("19491231");
    }
}
