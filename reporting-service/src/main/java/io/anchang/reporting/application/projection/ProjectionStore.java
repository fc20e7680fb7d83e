package io.anchang.reporting.application.projection;

import io.anchang.reporting.domain.Entry;
import io.anchang.reporting.domain.EntryRef;
import io.anchang.reporting.domain.Sheet;
import io.anchang.reporting.domain.SheetId;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One generation of the read models as the projection writes it: entries and sheets read by
 * id, and a batch committed as a whole — its entries, its sheets and the topic positions it
 * reached — so that a crash anywhere in a commit is finished on the next start, never half-done
 * and never done twice.
 */
public interface ProjectionStore {

    /** The entries that exist among {@code refs}. */
    Map<EntryRef, Entry> entries(Collection<EntryRef> refs);

    /** The sheets that exist among {@code ids}. */
    Map<SheetId, Sheet> sheets(Collection<SheetId> ids);

    /** Writes the batch: entries and sheets as they now stand, and the next position of each partition read. */
    void commit(Commit commit);

    /** The positions the last commit reached, {@code topic|partition → next offset}; empty for a new generation. */
    Map<String, Long> positions();

    /** Finishes a commit a crash interrupted; nothing if there is none. */
    void recover();

    /**
     * What one batch writes: entries and sheets as they now stand — those the store did not hold before apart, so
     * that they can be inserted rather than replaced — and the next position of each partition read.
     */
    record Commit(List<Entry> entries, List<Entry> newEntries, List<Sheet> sheets, List<Sheet> newSheets,
                  Map<String, Long> positions, long events) {

        public Commit {
            entries = List.copyOf(entries);
            newEntries = List.copyOf(newEntries);
            sheets = List.copyOf(sheets);
            newSheets = List.copyOf(newSheets);
        }

        public static Commit of(Projecting.Outcome outcome, Map<String, Long> positions, long events) {
            return new Commit(outcome.entries(), outcome.newEntries(), outcome.sheets(), outcome.newSheets(), positions, events);
        }
    }
}
