package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.util.List;

/**
 * A site tour, an owner event or a piece of project news (R-CUS-11) was announced, or customers were invited, answered,
 * attended or were sent the news.
 *
 * @param kind      TOUR, OWNER_EVENT or NEWS
 * @param change    ANNOUNCED, INVITED, ANSWERED, ATTENDANCE or SENT
 * @param customers the customers this change concerns
 */
@EventContract(type = "customer.occasion-updated", version = 1, topic = Topics.CUSTOMER)
public record OccasionUpdated(String occasionId, String siteId, String kind, String title, Instant startsAt, String change,
                              List<String> customers, int invited, int accepted, int attended, int sent, String by, Instant at) {
}
