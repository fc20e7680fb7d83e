package io.anchang.customer;

import io.anchang.platform.events.Topics;
import io.anchang.testing.TestEvents;
import io.anchang.testing.TopicProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * R-ATT-17 at customer-service: the shares a deal took at its big deposit become final at the contract and
 * are reversed on a refund or a cancellation for breach — deal-service's events as it publishes them, the
 * answer {@code customer.deal-credit-settled}, each once.
 */
class DealCreditSettledIntegrationTest extends SiteIntegrationTest {

    /** A big deposit signed for a customer B owns; answers the deal id once customer-service fixed its shares. */
    private String bigDeposit(Map<String, Object> customer) {
        String dealId = UUID.randomUUID().toString();
        TestEvents.publish(Topics.DEAL, "deal.big-deposit-signed", 1, site, "u-" + dealId, object("dealId", dealId, "siteId", site,
                "unitId", "u-" + dealId, "unitLabel", "3-1702", "customerId", customer.get("customerId"), "repUserId", rep("B"),
                "price", new BigDecimal("3000000.00"), "deposit", new BigDecimal("50000.00"), "agreementNo", null,
                "signedAt", T0.plus(1, ChronoUnit.DAYS).toString()), "it-" + dealId);
        assertThat(TopicProbe.events(Topics.CUSTOMER, "customer.deal-credit-fixed", p -> dealId.equals(p.path("dealId").asString()))).hasSize(1);
        return dealId;
    }

    private static List<JsonNode> settled(String dealId) {
        return TopicProbe.events(Topics.CUSTOMER, "customer.deal-credit-settled", p -> dealId.equals(p.path("dealId").asString()));
    }

    @Test
    @DisplayName("R-ATT-17 the contract makes the shares final, a cancellation for breach then reverses them, each once")
    void finalAtTheContractReversedOnCancellation() {
        Map<String, Object> customer = ownedByB(aPhone());
        String dealId = bigDeposit(customer);
        Map<String, Object> signed = object("dealId", dealId, "siteId", site, "unitId", "u-" + dealId, "unitLabel", "3-1702",
                "customerId", customer.get("customerId"), "buyerName", "王小明", "repUserId", rep("B"), "repName", "顾问B", "contractId", "k1",
                "price", new BigDecimal("3000000"), "deposits", new BigDecimal("50000"), "terms", list(), "signedOn", "2026-01-02",
                "contractDueOn", "2026-01-10", "late", false, "shares", list(), "signedBy", rep("B"), "signedAt", Instant.now().toString());
        UUID contract = UUID.randomUUID();
        TestEvents.publish(contract, Topics.DEAL, "deal.contract-signed", 1, site, "u-" + dealId, signed, "it");
        TestEvents.publish(contract, Topics.DEAL, "deal.contract-signed", 1, site, "u-" + dealId, signed, "it"); // redelivered
        assertThat(settled(dealId)).extracting(e -> e.path("payload").path("status").asString()).containsExactly("FINAL");

        TestEvents.publish(Topics.DEAL, "deal.breach-ruled", 1, site, "u-" + dealId, object("breachId", "b1", "dealId", dealId, "siteId", site,
                "unitId", "u-" + dealId, "unitLabel", "3-1702", "customerId", customer.get("customerId"), "ruling", "CANCELLATION", "penalty", null,
                "paid", new BigDecimal("50000"), "refundAmount", new BigDecimal("0"), "reason", "逾期", "shares", list(), "ruledBy", site + "-mgr",
                "ruledAt", Instant.now().toString()), "it");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> assertThat(settled(dealId))
                .extracting(e -> e.path("payload").path("status").asString()).containsExactly("FINAL", "REVERSED"));
    }

    @Test
    @DisplayName("R-ATT-17 a refund before the contract reverses the provisional shares; a penalty changes nothing")
    void reversedOnRefund() {
        Map<String, Object> customer = ownedByB(aPhone());
        String dealId = bigDeposit(customer);
        TestEvents.publish(Topics.DEAL, "deal.breach-ruled", 1, site, "u-" + dealId, object("breachId", "b0", "dealId", dealId, "siteId", site,
                "unitId", "u-" + dealId, "unitLabel", "3-1702", "customerId", customer.get("customerId"), "ruling", "PENALTY",
                "penalty", new BigDecimal("1000"), "paid", new BigDecimal("50000"), "refundAmount", null, "reason", "逾期", "shares", list(),
                "ruledBy", site + "-mgr", "ruledAt", Instant.now().toString()), "it");
        TestEvents.publish(Topics.DEAL, "deal.refunded", 1, site, "u-" + dealId, object("approvalId", "a1", "dealId", dealId, "siteId", site,
                "unitId", "u-" + dealId, "unitLabel", "3-1702", "customerId", customer.get("customerId"), "paid", new BigDecimal("50000"),
                "refundAmount", new BigDecimal("0"), "forfeited", new BigDecimal("50000"), "receipts", list(), "retentionTalk", "谈过",
                "reason", "不买了", "shares", list(), "approvedBy", site + "-mgr", "refundedAt", Instant.now().toString()), "it");
        assertThat(settled(dealId)).extracting(e -> e.path("payload").path("status").asString()).containsExactly("REVERSED");
    }
}
