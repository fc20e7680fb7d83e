package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.time.LocalDate;

/** A weekly market note — property news reviewed and shared with the team (R-OPS-5, 九12). */
@EventContract(type = "reception.market-note-shared", version = 1, topic = Topics.RECEPTION)
public record MarketNoteShared(String noteId, String siteId, LocalDate week, String title, String by, Instant at) {
}
