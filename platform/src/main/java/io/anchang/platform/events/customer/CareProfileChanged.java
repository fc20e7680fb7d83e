package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * A customer's care profile changed (R-CUS-8): hobbies, the birthdays the family keeps (solar or lunar), festival
 * greetings, an important owner's gift; occupation and key person for referrals (R-CUS-12). The payload says what the
 * profile holds, not the personal details themselves.
 *
 * @param erased the profile was erased because the customer withdrew consent to keep their data (R-CUS-13)
 */
@EventContract(type = "customer.care-profile-changed", version = 1, topic = Topics.CUSTOMER)
public record CareProfileChanged(String customerId, String siteId, String archiveNo, int hobbies, int birthdays,
                                 int lunarBirthdays, boolean festivalGreetings, boolean importantOwner, boolean keyPerson,
                                 boolean erased, String by, Instant at) {
}
