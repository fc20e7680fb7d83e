package io.anchang.reporting.application.projection;

import io.anchang.reporting.domain.Entry;
import io.anchang.reporting.domain.EntryKind;
import io.anchang.reporting.domain.EntryRef;
import io.anchang.reporting.domain.Ledger;
import io.anchang.reporting.domain.Sheet;
import io.anchang.reporting.domain.SheetId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Applies a batch of events to the read models, in memory: each event's projector changes the
 * register entries it concerns (an entry that applied an event before ignores it again, R-RPT:
 * duplicates count once); the sheets then move by the difference of the changed entries'
 * contributions after and before. Nothing is written here: the caller commits the outcome as
 * one. An event its projector cannot apply (a bug, a payload that does not make sense) is set
 * aside with everything it changed undone, for the dead-letter topic.
 */
public final class Projecting {

    private static final Logger log = LoggerFactory.getLogger(Projecting.class);

    private final Map<String, Projector<?>> projectors = new LinkedHashMap<>();

    public Projecting(List<Projector<?>> projectors) {
        for (Projector<?> projector : projectors) {
            if (this.projectors.put(projector.key(), projector) != null) {
                throw new IllegalArgumentException("two projectors for " + projector.key());
            }
        }
    }

    /** The projectors of the read models: every event contract the reports follow. */
    public static Projecting reports() {
        List<Projector<?>> all = new ArrayList<>();
        all.addAll(ReceptionProjectors.all());
        all.addAll(CustomerProjectors.all());
        all.addAll(DealProjectors.all());
        all.addAll(FinanceProjectors.all());
        return new Projecting(all);
    }

    /** The payload record of {@code type} at {@code version}, if the reports follow that contract. */
    public Optional<Class<?>> payloadType(String type, int version) {
        return Optional.ofNullable(projectors.get(Projector.key(type, version))).map(Projector::payloadType);
    }

    /**
     * What a batch came to: the entries and sheets changed — those that did not exist before apart ({@code new…}) —
     * the events set aside, the events applied.
     */
    public record Outcome(List<Entry> entries, List<Entry> newEntries, List<Sheet> sheets, List<Sheet> newSheets,
                          List<Failed> failed, int applied) {
    }

    /** An event set aside, and why. */
    public record Failed(Fact<?> fact, RuntimeException error) {
    }

    public Outcome project(List<Fact<?>> facts, ProjectionStore store, SiteCalendar calendar) {
        Work work = new Work(store, calendar);
        Set<EntryRef> touched = new LinkedHashSet<>();
        for (Fact<?> fact : facts) {
            Projector<?> projector = projectors.get(Projector.key(fact.type(), fact.version()));
            if (projector != null && fact.payload() != null) {
                try {
                    projector.touched(fact.payload()).stream().filter(ref -> ref.id() != null).forEach(touched::add);
                } catch (RuntimeException ignored) {
                    // a payload too broken to name its entries is dealt with when applied
                }
            }
        }
        work.load(touched);
        List<Failed> failed = new ArrayList<>();
        int applied = 0;
        for (Fact<?> fact : facts) {
            Projector<?> projector = projectors.get(Projector.key(fact.type(), fact.version()));
            if (projector == null) {
                continue;
            }
            work.begin();
            try {
                projector.applyTo(fact, work);
                applied++;
            } catch (RuntimeException e) {
                work.undo();
                log.warn("event {} {} of site {} cannot be applied to the reports: {}", fact.type(), fact.eventId(), fact.siteId(), e.toString());
                failed.add(new Failed(fact, e));
            }
        }
        Map<SheetId, Sheet> deltas = new LinkedHashMap<>();
        List<Entry> changed = new ArrayList<>();
        List<Entry> created = new ArrayList<>();
        for (EntryRef ref : work.changed) {
            Entry before = work.original.get(ref);
            Entry after = work.current.get(ref);
            (before == null ? created : changed).add(after);
            Ledger.merge(deltas, Ledger.deltas(before == null ? List.of() : before.contributions(), after.contributions()));
        }
        Map<SheetId, Sheet> stored = deltas.isEmpty() ? Map.of() : store.sheets(deltas.keySet());
        List<Sheet> sheets = new ArrayList<>();
        List<Sheet> newSheets = new ArrayList<>();
        deltas.forEach((id, delta) -> {
            Sheet was = stored.get(id);
            (was == null ? newSheets : sheets).add((was == null ? Sheet.empty(id) : was).plus(delta));
        });
        return new Outcome(changed, created, sheets, newSheets, failed, applied);
    }

    /**
     * The batch's entries: as loaded, as changed, and what to undo when one event fails ({@code changedNow}: the
     * entries the event under way was the first of the batch to change).
     */
    private static final class Work implements Entries {

        private final ProjectionStore store;
        private final SiteCalendar calendar;
        private final Map<EntryRef, Entry> original = new HashMap<>();
        private final Map<EntryRef, Entry> current = new HashMap<>();
        private final Set<EntryRef> loaded = new HashSet<>();
        private final Set<EntryRef> changed = new LinkedHashSet<>();
        private final Map<EntryRef, Optional<Entry>> undo = new HashMap<>();
        private final Set<EntryRef> changedNow = new HashSet<>();

        Work(ProjectionStore store, SiteCalendar calendar) {
            this.store = store;
            this.calendar = calendar;
        }

        void load(Set<EntryRef> refs) {
            Set<EntryRef> missing = new LinkedHashSet<>(refs);
            missing.removeAll(loaded);
            if (missing.isEmpty()) {
                return;
            }
            Map<EntryRef, Entry> found = store.entries(missing);
            original.putAll(found);
            current.putAll(found);
            loaded.addAll(missing);
        }

        void begin() {
            undo.clear();
            changedNow.clear();
        }

        /** Puts back the entries the failed event changed; those it was first to change are unchanged again. */
        void undo() {
            undo.forEach((ref, previous) -> previous.ifPresentOrElse(entry -> current.put(ref, entry), () -> current.remove(ref)));
            changed.removeAll(changedNow);
            undo.clear();
            changedNow.clear();
        }

        @Override
        public <E extends Entry> Optional<E> find(EntryKind<E> kind, String id) {
            if (id == null) {
                return Optional.empty();
            }
            EntryRef ref = new EntryRef(kind, id);
            if (!loaded.contains(ref)) {
                load(Set.of(ref));
            }
            return Optional.ofNullable(current.get(ref)).map(kind::cast);
        }

        @Override
        public <E extends Entry> E change(EntryKind<E> kind, String id, String site, Fact<?> fact, UnaryOperator<E> change) {
            E entry = find(kind, id).orElseGet(() -> kind.empty(id, site));
            if (entry.seen().has(fact.eventId())) {
                return entry;
            }
            if (!entry.siteId().equals(site)) {
                throw new IllegalArgumentException(kind + " " + id + " belongs to site " + entry.siteId() + ", not " + site);
            }
            E after = kind.cast(change.apply(entry).seeing(fact.eventId()));
            EntryRef ref = new EntryRef(kind, id);
            undo.putIfAbsent(ref, Optional.ofNullable(current.get(ref)));
            current.put(ref, after);
            if (changed.add(ref)) {
                changedNow.add(ref);
            }
            return after;
        }

        @Override
        public <E extends Entry> E add(EntryKind<E> kind, String id, String site, Fact<?> fact, UnaryOperator<E> addition) {
            E entry = find(kind, id).orElse(null);
            if (entry != null && addition.apply(entry).equals(entry)) {
                return entry;
            }
            return change(kind, id, site, fact, addition);
        }

        @Override
        public LocalDate day(String site, Instant at) {
            if (at == null) {
                throw new IllegalArgumentException("an event of site " + site + " without its time");
            }
            return calendar.day(site, at);
        }

        @Override
        public void zoneChanged(String site, String timeZone) {
            calendar.zoneChanged(site, timeZone);
        }
    }
}
