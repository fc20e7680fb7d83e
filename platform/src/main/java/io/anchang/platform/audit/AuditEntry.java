package io.anchang.platform.audit;

import java.time.Instant;

/** An entry of a site's trail: its place in the chain, the record, and the hashes that chain it. */
public record AuditEntry(long seq, String eventId, String siteId, Instant at, String actor, String action,
                         String subject, String before, String after, String reason, String prevHash, String hash) {
}
