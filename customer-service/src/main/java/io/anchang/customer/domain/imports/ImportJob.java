package io.anchang.customer.domain.imports;

import java.time.Instant;
import java.util.List;

/**
 * An import of an office's customers (R-CUS-2, R-CUS-3) once every row was found right: the rows it writes, written one
 * after the other in the background, each as a customer with its id given in advance — so that a write interrupted (a
 * restart) resumes and writes nothing twice. Keyed by the site and the file's digest: the same file sent again is this
 * same import. Once completed, the rows (whole phone numbers among them) are dropped; the counts stay.
 */
public record ImportJob(String id, String siteId, String fileName, String sha256, int total, Status status, List<Row> rows,
                        int written, int imported, int unchanged, String by, Instant at, Instant completedAt) {

    public enum Status { RUNNING, COMPLETED }

    public ImportJob {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /**
     * A customer to write.
     *
     * @param row        its number in the file
     * @param customerId the id it gets, chosen at random when the file was checked
     * @param archiveNo  the office's own number, or null for the archive's next
     * @param phones     E.164, the first the main one
     * @param owner      the rep whose claim starts at the registration (R-ATT-1), or null
     */
    public record Row(int row, String customerId, String archiveNo, String name, List<String> phones, String source,
                      Instant registeredAt, String owner) {
    }

    public static ImportJob accepted(String id, String siteId, String fileName, String sha256, ImportRows.Result result, String by,
                                     Instant at) {
        int total = result.rows().size() + result.unchanged();
        Status status = result.rows().isEmpty() ? Status.COMPLETED : Status.RUNNING;
        return new ImportJob(id, siteId, fileName, sha256, total, status, result.rows(), 0, 0, result.unchanged(), by, at,
                status == Status.COMPLETED ? at : null);
    }

    /** {@code count} more rows written: {@code added} as new customers, the rest found there already. */
    public ImportJob progressed(int count, int added, Instant at) {
        int nowWritten = written + count;
        boolean done = nowWritten >= rows.size();
        return new ImportJob(id, siteId, fileName, sha256, total, done ? Status.COMPLETED : Status.RUNNING, done ? List.of() : rows,
                nowWritten, imported + added, unchanged + (count - added), by, this.at, done ? at : null);
    }

    /** The rows not written yet. */
    public List<Row> pending() {
        return rows.subList(Math.min(written, rows.size()), rows.size());
    }
}
