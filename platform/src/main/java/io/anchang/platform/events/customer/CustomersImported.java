package io.anchang.platform.events.customer;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;

/**
 * An office's existing customers were imported into the archive from a spreadsheet (R-CUS-2, R-CUS-3): every row was
 * right, or nothing was imported. Each customer also gets its own {@code customer.registered}.
 *
 * @param fileSha256 the file's digest: the same file again changes nothing
 * @param status     ACCEPTED (validated, being written) or COMPLETED
 */
@EventContract(type = "customer.customers-imported", version = 1, topic = Topics.CUSTOMER)
public record CustomersImported(String importId, String siteId, String fileName, String fileSha256, int rows, int imported,
                                int unchanged, String status, String by, Instant at) {
}
