package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * The customer gave or withdrew consent to keep their data or to be contacted (R-CUS-13). A withdrawn consent to be
 * contacted takes the customer off every greeting and call list; a withdrawn consent to keep the data erases what the
 * archive keeps only for care (birthdays, family, hobbies) and the ID number.
 *
 * @param keepData GIVEN, WITHDRAWN or null (never asked)
 * @param contact  GIVEN, WITHDRAWN or null
 * @param how      IN_PERSON, PHONE, WRITTEN or ONLINE
 */
@EventContract(type = "customer.consent-changed", version = 1, topic = Topics.CUSTOMER)
public record ConsentChanged(String customerId, String siteId, String archiveNo, String keepData, String contact, String how,
                             String by, Instant at) {
}
