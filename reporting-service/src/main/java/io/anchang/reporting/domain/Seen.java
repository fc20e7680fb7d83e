package io.anchang.reporting.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids of the last events an entry applied: the same event delivered again — a redelivery,
 * or the producer publishing it twice — finds itself here and changes nothing. An entry sees a
 * few events in its life; the most recent {@value #KEPT} are plenty to recognise a repeat.
 */
public record Seen(List<String> eventIds) {

    public static final int KEPT = 100;
    public static final Seen NONE = new Seen(List.of());

    public Seen {
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }

    public boolean has(String eventId) {
        return eventIds.contains(eventId);
    }

    public Seen plus(String eventId) {
        List<String> next = new ArrayList<>(eventIds);
        next.add(eventId);
        return new Seen(next.size() > KEPT ? next.subList(next.size() - KEPT, next.size()) : next);
    }
}
