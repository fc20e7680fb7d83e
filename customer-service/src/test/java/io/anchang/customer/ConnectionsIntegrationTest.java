package io.anchang.customer;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key persons and cross-introductions (R-CUS-12) through the API on the MongoDB stand-in: each row names the customer with
 * the phone masked (R-SEC-3), the industry is found by a part of it, taken literally, and a list the limit cut says so.
 */
class ConnectionsIntegrationTest extends ArchiveIntegrationTest {

    private String keyPerson(String letter, String name, String phone, String industry, String circle) {
        String archiveNo = (String) customerOf(letter, name, phone).get("archiveNo");
        Map<String, Object> profile = circle == null ? object("occupation", "经理", "industry", industry)
                : object("occupation", "会长", "industry", industry, "keyPerson", object("circle", circle, "note", "可介绍商会会员"));
        web.put().uri(base() + "/customers/{c}/care", archiveNo).headers(h -> h.setBearerAuth(sales(letter))).bodyValue(profile)
                .exchange().expectStatus().isOk();
        return archiveNo;
    }

    private WebTestClient.ResponseSpec connections(String query, Object... values) {
        return web.get().uri(base() + "/connections" + query, values).headers(h -> h.setBearerAuth(sales("B"))).exchange();
    }

    private List<String> archiveNos(String query, Object... values) {
        WebTestClient.ResponseSpec answer = connections(query, values).expectStatus().isOk();
        return texts(json(answer.expectHeader().doesNotExist("X-Truncated")), "archiveNo");
    }

    @Test
    @DisplayName("R-CUS-12 R-SEC-3 a key person's row carries the customer's name and masked phone, never the full number")
    void keyPersonRowNamesTheCustomerWithThePhoneMasked() {
        String phone = aPhone();
        String archiveNo = keyPerson("A", "郑会长", phone, "金融/银行", "温州商会");
        String body = connections("").expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonNode rows = json(connections(""));
        assertThat(rows.size()).isEqualTo(1);
        JsonNode row = rows.get(0);
        assertThat(row.path("archiveNo").asString()).isEqualTo(archiveNo);
        assertThat(row.path("name").asString()).isEqualTo("郑会长");
        assertThat(row.path("phoneMasked").asString()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(row.path("keyPerson").path("circle").asString()).isEqualTo("温州商会");
        assertThat(body).doesNotContain(phone).doesNotContain(phone.substring(3)).doesNotContain("people");
        String industry = connections("?industry={i}", "金融").expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(industry).contains("郑会长").contains(phone.substring(0, 3) + "****" + phone.substring(7)).doesNotContain(phone);
    }

    @Test
    @DisplayName("R-CUS-12 the industry is found by a part of it in any case, the text taken literally: \"金融\" finds \"金融/银行\", \".*(\" only itself")
    void industryByAPartLiterally() {
        String bank = keyPerson("A", "钱行长", aPhone(), "金融/银行", null);
        String it = keyPerson("A", "孙总", aPhone(), "Finance/IT", null);
        String odd = keyPerson("A", "李总", aPhone(), "贸易.*(进出口)", null);
        String industry = "?industry={industry}";
        assertThat(archiveNos(industry, "金融")).containsExactly(bank);
        assertThat(archiveNos(industry, "银行")).containsExactly(bank);
        assertThat(archiveNos(industry, "finance")).containsExactly(it);
        assertThat(archiveNos(industry, " iT ")).containsExactly(it);
        assertThat(archiveNos(industry, ".*(")).containsExactly(odd);
        assertThat(archiveNos(industry, ".")).containsExactly(odd);
        assertThat(archiveNos(industry, ".*")).as("not every industry: only the one that holds \".*\"").containsExactly(odd);
        for (String pattern : List.of("[", "\\E", "\\Q", "^金", "银行$", "a|b", "(?i)", "\\", "金融/银行.*")) {
            assertThat(archiveNos(industry, pattern)).as(pattern).isEmpty();
        }
        assertThat(archiveNos("")).as("no key person among them").isEmpty();
        problem(connections(industry, "金".repeat(51)), 400, "invalid-input", "");
        connections(industry, "金".repeat(50)).expectStatus().isOk();
    }

    @Test
    @DisplayName("R-CUS-12 a list the limit cut says so (X-Truncated, X-Limit) and holds the first rows; one the limit did not cut says nothing")
    void aCutListSaysSo() {
        String first = keyPerson("A", "甲", aPhone(), "餐饮", "商会一");
        String second = keyPerson("A", "乙", aPhone(), "餐饮", "商会二");
        String third = keyPerson("A", "丙", aPhone(), "餐饮", "商会三");
        WebTestClient.ResponseSpec cut = connections("?size=2").expectStatus().isOk()
                .expectHeader().valueEquals("X-Truncated", "true").expectHeader().valueEquals("X-Limit", "2");
        assertThat(texts(json(cut), "archiveNo")).containsExactly(first, second);
        connections("?industry={i}&size=2", "餐饮").expectStatus().isOk().expectHeader().valueEquals("X-Truncated", "true");
        assertThat(archiveNos("?size=3")).containsExactly(first, second, third);
        assertThat(archiveNos("")).containsExactly(first, second, third);
        problem(connections("?size=0"), 400, "page-size-invalid", "1 到 500");
        problem(connections("?size=501"), 400, "page-size-invalid", "1 到 500");
    }
}
