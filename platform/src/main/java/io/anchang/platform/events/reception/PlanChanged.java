package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A daily or weekly plan moved on (R-OPS-2): handed in to the ASSISTANT in the morning (the weekly one on Saturday),
 * handed back before close, summarised by its author.
 *
 * @param kind   DAILY or WEEKLY
 * @param period the day planned, or the Monday of the week planned
 * @param state  HANDED_IN, RETURNED or SUMMARISED
 */
@EventContract(type = "reception.plan-changed", version = 1, topic = Topics.RECEPTION)
public record PlanChanged(String planId, String siteId, String author, String kind, LocalDate period, String state,
                          int items, boolean late, String by, Instant at) {
}
