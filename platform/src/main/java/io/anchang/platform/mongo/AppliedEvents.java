package io.anchang.platform.mongo;

import reactor.util.context.Context;
import reactor.util.context.ContextView;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event a consumer's handler is applying, carried in the Reactor context to the writes
 * it makes through {@link ScopedMongo}. The first write of each document carries the marker
 * {@code handler/eventId} into the document's {@value #FIELD} array in the same atomic
 * update, and is made only if the document does not carry the marker yet; a document that
 * does was written by this event before — the consumer crashed after applying the event
 * and before recording it as applied — so the write is skipped and reported as done. Thus
 * the effect on each document and the record of it are one write: an event delivered
 * again changes nothing, whatever the handler does. Later writes of the same document by
 * the same application are made as asked. The array keeps the latest {@value #KEPT}
 * markers; a redelivery concerns only the latest events.
 */
public final class AppliedEvents {

    public static final String FIELD = "appliedEvents";
    public static final int KEPT = 32;
    private static final String KEY = AppliedEvents.class.getName();
    private static final String ANY = "\u0000any";

    private final String marker;
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    private AppliedEvents(String marker) {
        this.marker = marker;
    }

    /** The context in which {@code handler} applies {@code eventId}. */
    public static Context applying(Context context, String handler, UUID eventId) {
        return context.put(KEY, new AppliedEvents(handler + "/" + eventId));
    }

    static Optional<AppliedEvents> in(ContextView context) {
        return context.getOrEmpty(KEY);
    }

    String marker() {
        return marker;
    }

    /** Whether a write of this document is its first in this application (and so made only if it lacks the marker). */
    boolean first(String collection, Object id) {
        return !written.contains(collection + "/" + ANY) && (id == null || !written.contains(collection + "/" + id));
    }

    void wrote(String collection, Object id) {
        written.add(collection + "/" + (id == null ? ANY : id));
    }
}
