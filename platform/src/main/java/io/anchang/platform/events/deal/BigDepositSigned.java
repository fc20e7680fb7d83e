package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The finance desk confirmed a big deposit and the subscription agreement was issued
 * (R-DEAL-4). customer-service answers with {@code customer.deal-credit-fixed} (R-ATT-17).
 *
 * @param repUserId the rep who made the deal
 * @param price     the agreed price in yuan, scale 2
 * @param deposit   the big deposit paid, scale 2
 * @param agreementNo null: the agreement is numbered just after, gap-free, and its number announced in
 *                    {@code deal.agreement-issued} (issue 10; it was taken before the unit was written, and lost
 *                    when that write failed)
 */
@EventContract(type = "deal.big-deposit-signed", version = 1, topic = Topics.DEAL)
public record BigDepositSigned(String dealId, String siteId, String unitId, String unitLabel, String customerId,
                               String repUserId, BigDecimal price, BigDecimal deposit, String agreementNo,
                               Instant signedAt) {
}
