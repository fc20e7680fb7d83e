package io.anchang.reporting.application.projection;

import io.anchang.reporting.domain.Entry;
import io.anchang.reporting.domain.EntryKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The register entries of one batch as projectors see and change them; written together when the batch commits. */
public interface Entries {

    <E extends Entry> Optional<E> find(EntryKind<E> kind, String id);

    /**
     * Changes the entry {@code id} (a new one of {@code site} if none) by {@code change}, unless it has applied this
     * event already — a repeated event changes nothing — and returns it as it stands after.
     */
    <E extends Entry> E change(EntryKind<E> kind, String id, String site, Fact<?> fact, UnaryOperator<E> change);

    /**
     * As {@link #change}, for a change that only ever adds to an entry (a first visit noted once, a deal added to a
     * customer's): when it changes nothing, the entry is left as it is — not rewritten — since doing it again could
     * never change anything either.
     */
    <E extends Entry> E add(EntryKind<E> kind, String id, String site, Fact<?> fact, UnaryOperator<E> addition);

    /** The day of the site's calendar (its time zone) that {@code at} falls on. */
    LocalDate day(String site, Instant at);

    /** The site's time zone changed (from reception's site events): days from now on are taken in it. */
    void zoneChanged(String site, String timeZone);
}
