package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * R-DEAL-6: the contract (签约) was signed from a big deposit; the unit is CONTRACTED. It fixes the
 * price and the payment terms, which with the deposits paid add up to the price; finance-service turns
 * each term into an amount due (R-FIN-3). The credit and bonus shares are final from now on (R-ATT-17).
 *
 * @param deposits      the deposits paid, counted towards the price
 * @param terms         what is still to be paid and when
 * @param contractDueOn the last day of {@code contractDays} after the big deposit; {@code late} when signed after it
 * @param shares        the final shares, empty when customer-service had not fixed them yet
 */
@EventContract(type = "deal.contract-signed", version = 1, topic = Topics.DEAL)
public record ContractSigned(String dealId, String siteId, String unitId, String unitLabel, String customerId,
                             String buyerName, String repUserId, String repName, String contractId, BigDecimal price,
                             BigDecimal deposits, List<Term> terms, LocalDate signedOn, LocalDate contractDueOn, boolean late,
                             List<CreditRecorded.Share> shares, String signedBy, Instant signedAt) {

    /**
     * One payment term.
     *
     * @param kind DOWN_PAYMENT (首付), INSTALMENT (分期) or MORTGAGE (按揭贷款, paid by the bank)
     */
    public record Term(int no, String kind, BigDecimal amount, LocalDate dueOn) {
    }
}
