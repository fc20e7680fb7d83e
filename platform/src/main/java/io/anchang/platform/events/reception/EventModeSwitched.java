package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.time.LocalDate;

/** A MANAGER suspended the rotation for an open day, launch or fair, or resumed it (R-REC-8). */
@EventContract(type = "reception.event-mode-switched", version = 1, topic = Topics.RECEPTION)
public record EventModeSwitched(String siteId, LocalDate day, boolean on, String by, String reason, Instant at) {
}
