package io.anchang.customer;

import io.anchang.platform.events.Topics;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Complaints and suggestions (R-CUS-9), surveys (R-CUS-10), tours, events and news (R-CUS-11), referrals (R-CUS-12),
 * call lists (R-OPS-4) and questions for the MANAGER (R-CUS-5), through the API with the tokens of each role.
 */
class RelationsIntegrationTest extends ArchiveIntegrationTest {

    @Test
    @DisplayName("R-CUS-9 a complaint by phone is handed to a rep, worked on and resolved by the SUPERVISOR; the resolution is announced")
    void aComplaintIsTrackedToItsResolution() {
        String archiveNo = (String) customerOf("A", "周先生").get("archiveNo");
        JsonNode complaint = json(web.post().uri(base() + "/feedback").headers(h -> h.setBearerAuth(assistant()))
                .bodyValue(object("customer", archiveNo, "kind", "COMPLAINT", "channel", "PHONE", "subject", "样板间",
                        "text", "样板间空调不制冷，看房很热")).exchange().expectStatus().isCreated());
        String id = complaint.path("id").asString();
        assertThat(complaint.path("status").asString()).isEqualTo("OPEN");
        problem(web.post().uri(base() + "/feedback/{id}/steps", id).headers(h -> h.setBearerAuth(sales("B")))
                .bodyValue(object("note", "我来处理")).exchange(), 403, "feedback-not-yours", "");
        web.post().uri(base() + "/feedback/{id}/steps", id).headers(h -> h.setBearerAuth(supervisor()))
                .bodyValue(object("note", "交给张伟联系物业", "handTo", rep("A"))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("IN_PROGRESS").jsonPath("$.assignedTo").isEqualTo(rep("A"));
        web.post().uri(base() + "/feedback/{id}/steps", id).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("note", "物业已维修空调")).exchange().expectStatus().isOk();
        problem(web.post().uri(base() + "/feedback/{id}/resolution", id).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("resolution", "已修好")).exchange(), 403, "role-required", "销售主任");
        web.post().uri(base() + "/feedback/{id}/resolution", id).headers(h -> h.setBearerAuth(supervisor()))
                .bodyValue(object("resolution", "空调已修好，回访客户满意")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("RESOLVED").jsonPath("$.steps.length()").isEqualTo(2);
        problem(web.post().uri(base() + "/feedback/{id}/resolution", id).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("resolution", "again")).exchange(), 409, "feedback-resolved", "办结");
        web.get().uri(base() + "/feedback?status=OPEN").headers(h -> h.setBearerAuth(manager())).exchange()
                .expectBody().jsonPath("$.length()").isEqualTo(0);
        assertThat(TopicProbe.events(Topics.CUSTOMER, "customer.feedback-resolved", p -> p.path("feedbackId").asString().equals(id)))
                .hasSize(1);
        // a suggestion in writing from someone not in the archive
        web.post().uri(base() + "/feedback").headers(h -> h.setBearerAuth(sales("C")))
                .bodyValue(object("contact", "业主委员会", "kind", "SUGGESTION", "channel", "LETTER", "text", "建议增加儿童游乐设施"))
                .exchange().expectStatus().isCreated();
        problem(web.post().uri(base() + "/feedback").headers(h -> h.setBearerAuth(sales("C")))
                .bodyValue(object("kind", "SUGGESTION", "channel", "LETTER", "text", "匿名")).exchange(), 400, "feedback-from-nobody", "反映人");
    }

    @Test
    @DisplayName("R-CUS-10 surveys keep their scores 1–5 and the SUPERVISOR reads the averages; a score of 6 stores nothing")
    void surveysKeepTheirScores() {
        String first = (String) customerOf("A", "孙女士").get("archiveNo");
        String second = (String) customerOf("B", "钱先生").get("archiveNo");
        JsonNode survey = json(web.post().uri(base() + "/surveys").headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("customer", first, "audience", "OWNER", "channel", "PHONE",
                        "scores", object("PROPERTY", 5, "SERVICE", 4), "comments", "满意")).exchange().expectStatus().isCreated());
        web.post().uri(base() + "/surveys").headers(h -> h.setBearerAuth(assistant()))
                .bodyValue(object("customer", second, "audience", "CUSTOMER", "channel", "LETTER", "scores", object("PROPERTY", 3, "SERVICE", 5)))
                .exchange().expectStatus().isCreated();
        problem(web.post().uri(base() + "/surveys").headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("customer", first, "audience", "OWNER", "channel", "PHONE", "scores", object("SERVICE", 6))).exchange(),
                400, "survey-score-invalid", "1（很不满意）到 5");
        web.get().uri(base() + "/surveys/summary").headers(h -> h.setBearerAuth(supervisor())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.surveys").isEqualTo(2)
                .jsonPath("$.averages.PROPERTY").isEqualTo(4.0).jsonPath("$.averages.SERVICE").isEqualTo(4.5);
        problem(web.get().uri(base() + "/surveys/summary").headers(h -> h.setBearerAuth(sales("A"))).exchange(), 403, "role-required", "");
        assertThat(TopicProbe.events(Topics.CUSTOMER, "customer.survey-scored",
                p -> p.path("surveyId").asString().equals(survey.path("id").asString())).get(0).path("payload").path("average").asDouble())
                .isEqualTo(4.5);
    }

    @Test
    @DisplayName("R-CUS-11 the MANAGER announces a site tour; reps invite their own customers, answers and attendance are kept; news goes out")
    void toursEventsAndNews() {
        String mine = (String) customerOf("A", "孙女士").get("archiveNo");
        String theirs = (String) customerOf("B", "钱先生").get("archiveNo");
        Instant saturday = Instant.now().plus(Duration.ofDays(3));
        JsonNode tour = json(web.post().uri(base() + "/occasions").headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("kind", "TOUR", "title", "工地开放日", "startsAt", saturday.toString(), "place", "1号楼工地"))
                .exchange().expectStatus().isCreated());
        String id = tour.path("id").asString();
        problem(web.post().uri(base() + "/occasions").headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("kind", "TOUR", "title", "x", "startsAt", saturday.toString())).exchange(), 403, "role-required", "");
        problem(web.post().uri(base() + "/occasions/{id}/guests", id).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("customers", list(mine, theirs), "channel", "PHONE")).exchange(), 403, "not-customers-rep", "");
        web.post().uri(base() + "/occasions/{id}/guests", id).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("customers", list(mine), "channel", "PHONE")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.guests.length()").isEqualTo(1).jsonPath("$.guests[0].state").isEqualTo("INVITED");
        web.post().uri(base() + "/occasions/{id}/answers", id).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("customer", mine, "state", "ACCEPTED")).exchange().expectStatus().isOk();
        problem(web.post().uri(base() + "/occasions/{id}/answers", id).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("customer", mine, "state", "ATTENDED")).exchange(), 409, "occasion-not-started", "还没开始");
        clock.setTo(saturday.plus(Duration.ofHours(1)));
        web.post().uri(base() + "/occasions/{id}/answers", id).headers(h -> h.setBearerAuth(assistant()))
                .bodyValue(object("customer", mine, "state", "ATTENDED")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.guests[0].state").isEqualTo("ATTENDED");
        clock.reset();
        JsonNode news = json(web.post().uri(base() + "/occasions").headers(h -> h.setBearerAuth(supervisor()))
                .bodyValue(object("kind", "NEWS", "title", "1号楼封顶", "description", "1号楼于本周封顶")).exchange().expectStatus().isCreated());
        web.post().uri(base() + "/occasions/{id}/guests", news.path("id").asString()).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("customers", list(mine, theirs), "channel", "WECHAT")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.guests[1].state").isEqualTo("SENT");
        assertThat(TopicProbe.events(Topics.CUSTOMER, "customer.occasion-updated",
                p -> p.path("occasionId").asString().equals(id) && p.path("change").asString().equals("ATTENDANCE"))
                .get(0).path("payload").path("attended").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("R-CUS-12 R-SEC-2 who referred whom is kept once; the reward is approved by the MANAGER and paid by FINANCE only — a rep's attempt is refused and audited")
    void referralsAndTheirRewards() {
        String owner = (String) customerOf("A", "孙女士").get("archiveNo");
        String friend = (String) customerOf("A", "孙女士的同事").get("archiveNo");
        JsonNode referral = json(web.post().uri(base() + "/referrals").headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("kind", "REFERRAL", "referrer", owner, "referred", friend, "note", "同事介绍")).exchange().expectStatus().isCreated());
        String id = referral.path("id").asString();
        problem(web.post().uri(base() + "/referrals").headers(h -> h.setBearerAuth(sales("B")))
                .bodyValue(object("kind", "REFERRAL", "referrer", owner, "referred", friend)).exchange(), 409, "referral-exists", owner);
        web.post().uri(base() + "/referrals/{id}/reward", id).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("kind", "CASH", "description", "老带新奖励", "amount", "2000.00")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.reward.state").isEqualTo("PROPOSED");
        problem(web.post().uri(base() + "/referrals/{id}/reward/state", id).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("state", "APPROVED")).exchange(), 403, "role-required", "销售经理");
        web.post().uri(base() + "/referrals/{id}/reward/state", id).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("state", "APPROVED")).exchange().expectStatus().isOk();
        problem(web.post().uri(base() + "/referrals/{id}/reward/state", id).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("state", "PAID")).exchange(), 403, "finance-only", "只有财务");
        web.post().uri(base() + "/referrals/{id}/reward/state", id).headers(h -> h.setBearerAuth(finance()))
                .bodyValue(object("state", "PAID", "note", "转账至客户账户")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.reward.state").isEqualTo("PAID").jsonPath("$.reward.amount.amount").isEqualTo(2000.0);
        assertThat(texts(auditWith("security.payment-refused"), "action")).contains("customer.referral-made");
        web.get().uri(base() + "/referrals?customer={c}", friend).headers(h -> h.setBearerAuth(sales("C"))).exchange()
                .expectBody().jsonPath("$.length()").isEqualTo(1);
        problem(web.post().uri(base() + "/referrals/{id}/reward", id).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("kind", "CASH", "description", "x", "amount", "12.345")).exchange(), 400, "amount-too-precise", "");
    }

    @Test
    @DisplayName("R-CUS-12 R-FIN-4 the referral list filters on the server: FINANCE asks for the approved cash rewards and gets only those; an unknown status or a page of a million is a Chinese problem detail; a list its size cut says so (X-Truncated)")
    void referralsFilteredByTheirReward() {
        String owner = (String) customerOf("A", "老业主").get("archiveNo");
        String cashApproved = referral(owner, (String) customerOf("A", "朋友甲").get("archiveNo"), "CASH", "APPROVED");
        String giftApproved = referral(owner, (String) customerOf("A", "朋友乙").get("archiveNo"), "GIFT", "APPROVED");
        String cashProposed = referral(owner, (String) customerOf("A", "朋友丙").get("archiveNo"), "CASH", null);
        String noReward = referral(owner, (String) customerOf("A", "朋友丁").get("archiveNo"), null, null);

        assertThat(ids("/referrals")).containsExactlyInAnyOrder(cashApproved, giftApproved, cashProposed, noReward);
        assertThat(ids("/referrals?status=APPROVED")).containsExactlyInAnyOrder(cashApproved, giftApproved);
        assertThat(ids("/referrals?status=APPROVED&reward=CASH")).containsExactly(cashApproved);
        assertThat(ids("/referrals?status=PROPOSED")).containsExactly(cashProposed);
        assertThat(ids("/referrals?reward=GIFT&customer=" + owner)).containsExactly(giftApproved);
        assertThat(ids("/referrals?status=PAID")).isEmpty();
        assertThat(ids("/referrals?size=2")).hasSize(2);
        web.get().uri(base() + "/referrals?size=2").headers(h -> h.setBearerAuth(finance())).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Truncated", "true").expectHeader().valueEquals("X-Limit", "2");
        web.get().uri(base() + "/referrals?size=4").headers(h -> h.setBearerAuth(finance())).exchange().expectStatus().isOk()
                .expectHeader().doesNotExist("X-Truncated");
        web.get().uri(base() + "/referrals?status=APPROVED&size=2").headers(h -> h.setBearerAuth(finance())).exchange().expectStatus().isOk()
                .expectHeader().doesNotExist("X-Truncated");

        problem(web.get().uri(base() + "/referrals?status=SETTLED").headers(h -> h.setBearerAuth(finance())).exchange(),
                400, "reward-state-unknown", "没有这个奖励状态：SETTLED");
        problem(web.get().uri(base() + "/referrals?reward=CHEQUE").headers(h -> h.setBearerAuth(finance())).exchange(),
                400, "reward-kind-unknown", "没有这种奖励方式");
        problem(web.get().uri(base() + "/referrals?status=APPROVED&size=1000000").headers(h -> h.setBearerAuth(finance())).exchange(),
                400, "page-size-invalid", "1 到 500");
        problem(web.get().uri(base() + "/referrals?size=0").headers(h -> h.setBearerAuth(finance())).exchange(),
                400, "page-size-invalid", "1 到 500");
    }

    /** A referral of {@code referred} by {@code referrer}, with a reward of {@code kind} moved to {@code state} if given. */
    private String referral(String referrer, String referred, String kind, String state) {
        String id = json(web.post().uri(base() + "/referrals").headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("kind", "REFERRAL", "referrer", referrer, "referred", referred)).exchange().expectStatus().isCreated())
                .path("id").asString();
        if (kind != null) {
            web.post().uri(base() + "/referrals/{id}/reward", id).headers(h -> h.setBearerAuth(sales("A")))
                    .bodyValue("CASH".equals(kind) ? object("kind", kind, "description", "老带新奖励", "amount", "1000.00")
                            : object("kind", kind, "description", "购物卡"))
                    .exchange().expectStatus().isOk();
        }
        if (state != null) {
            web.post().uri(base() + "/referrals/{id}/reward/state", id).headers(h -> h.setBearerAuth(manager()))
                    .bodyValue(object("state", state)).exchange().expectStatus().isOk();
        }
        return id;
    }

    private java.util.List<String> ids(String path) {
        return texts(json(web.get().uri(base() + path).headers(h -> h.setBearerAuth(finance())).exchange().expectStatus().isOk()), "id");
    }

    @Test
    @DisplayName("R-OPS-4 the MANAGER lists today's calls by purpose; each rep sees and records only their own")
    void callLists() {
        String mine = (String) customerOf("A", "孙女士").get("archiveNo");
        String theirs = (String) customerOf("B", "钱先生").get("archiveNo");
        JsonNode list = json(web.post().uri(base() + "/call-lists/{day}/SIGNING/entries", today()).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("entries", list(object("customer", mine, "note", "通知周六签约"), object("customer", theirs, "caller", rep("C")))))
                .exchange().expectStatus().isOk());
        assertThat(texts(list, "caller")).containsExactly(rep("A"), rep("C"));
        problem(web.post().uri(base() + "/call-lists/{day}/SIGNING/entries", today()).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("entries", list(object("customer", mine)))).exchange(), 403, "role-required", "");
        problem(web.post().uri(base() + "/call-lists/{day}/SIGNING/entries", today().minusDays(1)).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("entries", list(object("customer", mine)))).exchange(), 409, "call-list-past", "");
        problem(web.post().uri(base() + "/call-lists/{day}/SIGNING/entries", today()).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("entries", list(object("customer", mine, "caller", rep("fin"))))).exchange(), 400, "caller-unknown", "");
        assertThat(texts(json(web.get().uri(base() + "/call-lists").headers(h -> h.setBearerAuth(sales("A"))).exchange()), "archiveNo"))
                .containsExactly(mine);
        String listId = list.path("id").asString();
        problem(web.post().uri(base() + "/call-lists/{id}/calls", listId).headers(h -> h.setBearerAuth(sales("B")))
                .bodyValue(object("customer", mine, "outcome", "AGREED")).exchange(), 403, "call-not-yours", "");
        web.post().uri(base() + "/call-lists/{id}/calls", listId).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("customer", mine, "outcome", "AGREED", "result", "周六上午十点签约")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.entries[0].outcome").isEqualTo("AGREED");
    }

    @Test
    @DisplayName("R-CUS-5 a rep takes a customer's objection to the MANAGER, who sees every open one and answers it")
    void objectionsGoToTheManager() {
        String mine = (String) customerOf("A", "孙女士").get("archiveNo");
        problem(web.post().uri(base() + "/questions").headers(h -> h.setBearerAuth(sales("B")))
                .bodyValue(object("customer", mine, "kind", "OBJECTION", "text", "嫌贵")).exchange(), 403, "not-customers-rep", "");
        JsonNode question = json(web.post().uri(base() + "/questions").headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("customer", mine, "kind", "OBJECTION", "text", "客户认为单价比对面楼盘高 2000 元")).exchange().expectStatus().isCreated());
        web.get().uri(base() + "/questions").headers(h -> h.setBearerAuth(manager())).exchange().expectBody()
                .jsonPath("$.length()").isEqualTo(1);
        web.get().uri(base() + "/questions").headers(h -> h.setBearerAuth(sales("B"))).exchange().expectBody()
                .jsonPath("$.length()").isEqualTo(0);
        problem(web.post().uri(base() + "/questions/{id}/answer", question.path("id").asString()).headers(h -> h.setBearerAuth(sales("A")))
                .bodyValue(object("answer", "x")).exchange(), 403, "role-required", "销售经理");
        web.post().uri(base() + "/questions/{id}/answer", question.path("id").asString()).headers(h -> h.setBearerAuth(manager()))
                .bodyValue(object("answer", "强调精装标准和学区，必要时申请 1% 折扣")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.answeredBy").isEqualTo(rep("mgr"));
        web.get().uri(base() + "/questions?open=false").headers(h -> h.setBearerAuth(sales("A"))).exchange().expectBody()
                .jsonPath("$[0].answer").isEqualTo("强调精装标准和学区，必要时申请 1% 折扣");
    }
}
