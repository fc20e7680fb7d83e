package io.anchang.customer.adapter.web;

import io.anchang.customer.application.ImportingCustomers;
import io.anchang.customer.domain.imports.ImportJob;
import io.anchang.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;

/**
 * R-CUS-2, R-CUS-3: importing an office's existing customers from CSV or Excel. The role is checked before the body is
 * read; the body is read up to {@link #MAX_BYTES} (more: 413) and parsed off the event loop within the row, column and
 * cell limits of {@link SheetFile}.
 */
@RestController
@RequestMapping("/api/customers/sites/{site}")
public class ImportController {

    /** The largest customer list accepted, in bytes. */
    public static final int MAX_BYTES = 4 << 20;

    private final ImportingCustomers importing;
    private final SheetReader reader;

    public ImportController(ImportingCustomers importing, SheetReader reader) {
        this.importing = importing;
        this.reader = reader;
    }

    /** An import as the API shows it: its counts, never its rows. */
    public record ImportView(String id, String fileName, String sha256, ImportJob.Status status, int total, int written, int imported,
                             int unchanged, String by, Instant at, Instant completedAt) {

        static ImportView of(ImportJob j) {
            return new ImportView(j.id(), j.fileName(), j.sha256(), j.status(), j.total(), j.written(), j.imported(), j.unchanged(), j.by(),
                    j.at(), j.completedAt());
        }
    }

    @Operation(summary = "R-CUS-2: the MANAGER imports the office's customers from CSV (text/csv) or Excel (.xlsx): 档案编号, 姓名, 电话, 电话2, "
            + "来源, 置业顾问, 登记日期 (the original registration, which attribution counts from). Every row's problem is answered (400, "
            + "errors) and nothing is imported unless every row is right; a right file is accepted (202) and written in the background; "
            + "the same file again changes nothing. At most 4 MB and 5,000 customers (413).")
    @PostMapping(value = "/imports", consumes = {"text/csv", SheetFile.XLSX, "application/octet-stream"})
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<ImportView> importCustomers(Caller caller, @PathVariable String site,
                                            @RequestParam(defaultValue = "客户档案") @Pattern(regexp = "[^/\\\\]{1,100}") String fileName,
                                            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
                                            @RequestBody(required = false) Flux<DataBuffer> body) {
        // the role first; only then is the body read, bounded, and parsed off the event loop
        importing.mayImport(caller, site);
        return bounded(body == null ? Flux.empty() : body)
                .flatMap(bytes -> reader.read(bytes, contentType).flatMap(table -> importing.accept(caller, site, fileName, bytes, table)))
                .map(ImportView::of);
    }

    /**
     * The body's bytes, at most {@link #MAX_BYTES}. A larger file is read on to its end without keeping any of it — up to
     * {@link #MAX_DRAINED} bytes — so that the uploader hears 413 rather than a connection closed mid-upload; beyond that
     * the connection is given up.
     */
    static Mono<byte[]> bounded(Flux<DataBuffer> body) {
        return body.reduce(new Received(), (received, buffer) -> {
            try {
                received.add(buffer);
            } finally {
                DataBufferUtils.release(buffer);
            }
            return received;
        }).defaultIfEmpty(new Received()).flatMap(received -> received.total > MAX_BYTES
                ? Mono.error(tooLarge(received.total)) : Mono.just(received.kept.toByteArray()));
    }

    /** How much of an oversized file is read (and dropped) before its connection is given up. */
    static final long MAX_DRAINED = 64L << 20;

    private static final class Received {

        private final java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        private long total;

        void add(DataBuffer buffer) {
            int count = buffer.readableByteCount();
            total += count;
            if (total > MAX_DRAINED) {
                throw tooLarge(total);
            }
            if (total <= MAX_BYTES) {
                byte[] bytes = new byte[count];
                buffer.read(bytes);
                kept.writeBytes(bytes);
            }
        }
    }

    private static io.anchang.platform.problem.ProblemException tooLarge(long received) {
        return new io.anchang.platform.problem.ProblemException(413, "body-too-large", "Request body too large",
                "客户档案文件不能超过 " + (MAX_BYTES >> 20) + " MB，请分成几个文件导入 (A customer list is at most " + (MAX_BYTES >> 20)
                        + " MB; split it into several files)");
    }

    @Operation(summary = "R-CUS-2: an import and how far it got (RUNNING, COMPLETED; imported, unchanged)")
    @GetMapping("/imports/{importId}")
    public Mono<ImportView> find(Caller caller, @PathVariable String site, @PathVariable String importId) {
        return importing.find(caller, site, importId).map(ImportView::of);
    }

    @Operation(summary = "R-CUS-2: the site's imports, newest first")
    @GetMapping("/imports")
    public Flux<ImportView> list(Caller caller, @PathVariable String site) {
        return importing.list(caller, site).map(ImportView::of);
    }
}
