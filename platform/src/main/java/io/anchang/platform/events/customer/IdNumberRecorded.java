package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/** A customer's ID card number (身份证) was checked and recorded; it leaves customer-service masked only (R-CUS-13, R-SEC-3). */
@EventContract(type = "customer.id-number-recorded", version = 1, topic = Topics.CUSTOMER)
public record IdNumberRecorded(String customerId, String siteId, String archiveNo, String idNumberMasked, String by, Instant at) {
}
