package io.anchang.platform.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing to put on the trail.
 *
 * @param eventId the event it comes from (or a fresh id for a refused attempt): recording it twice records it once
 * @param action  the event type, or a security action such as {@code security.payment-refused}
 * @param subject the aggregate or record concerned
 * @param before  the state before, as JSON, or null
 * @param after   the state after (the event's payload), as JSON
 */
public record AuditRecord(String eventId, String siteId, Instant at, String actor, String action, String subject,
                          String before, String after, String reason) {

    public AuditRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
    }

    /** {@code value} as a JSON string (or {@code null}), for the {@code before}/{@code after} texts an entry carries. */
    public static String json(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
