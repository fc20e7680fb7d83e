package io.anchang.platform.events.deal;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/** SALES_CONTROL or the MANAGER registered a building of the site's project (R-DEAL-1); its units follow. */
@EventContract(type = "deal.building-registered", version = 1, topic = Topics.DEAL)
public record BuildingRegistered(String buildingId, String siteId, String code, String name, String project,
                                 String registeredBy, Instant registeredAt) {
}
