package io.anchang.reporting.adapter.web;

import io.anchang.reporting.domain.report.Column;
import io.anchang.reporting.domain.report.Report;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A report answered as JSON, or downloaded as .xlsx or .csv, written as it is produced. Every
 * answer is bytes, so that one operation can answer any of the three.
 */
public final class Answers {

    /** The header that says how many counter sheets a report read: its cost. */
    static final String SHEETS_READ = "X-Report-Sheets-Read";

    private final JsonMapper mapper;

    public Answers(JsonMapper mapper) {
        this.mapper = mapper;
    }

    Mono<ResponseEntity<Flux<DataBuffer>>> answer(Mono<Report> report, Inputs.Format format) {
        return report.map(r -> switch (format) {
            case JSON -> ResponseEntity.ok().header(SHEETS_READ, String.valueOf(r.sheetsRead())).contentType(MediaType.APPLICATION_JSON)
                    .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(mapper.writeValueAsBytes(r))));
            case XLSX -> download(r, Exports.XLSX, ".xlsx", out -> Exports.xlsx(r, parts(r), out));
            case CSV -> download(r, "text/csv;charset=UTF-8", ".csv", out -> Exports.csv(r, parts(r), out));
        });
    }

    /** A register's download: the rows are read from the store while the file is written. */
    ResponseEntity<Flux<DataBuffer>> download(Report header, List<Column> columns, Flux<Map<String, Object>> rows, Inputs.Format format) {
        Exports.Part part = new Exports.Part(header.title(), columns, () -> rows.toIterable(256).iterator(), null);
        return format == Inputs.Format.CSV
                ? download(header, "text/csv;charset=UTF-8", ".csv", out -> Exports.csv(header, List.of(part), out))
                : download(header, Exports.XLSX, ".xlsx", out -> Exports.xlsx(header, List.of(part), out));
    }

    private static List<Exports.Part> parts(Report report) {
        return report.tables().stream().map(Exports.Part::of).toList();
    }

    private static ResponseEntity<Flux<DataBuffer>> download(Report report, String contentType, String suffix, Consumer<OutputStream> writer) {
        Flux<DataBuffer> body = Flux.from(DataBufferUtils.outputStreamPublisher(writer::accept, DefaultDataBufferFactory.sharedInstance,
                task -> Schedulers.boundedElastic().schedule(task)));
        String name = report.fileName() + suffix;
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString()
                        .replace("attachment;", "attachment; filename=\"" + ascii + "\";"))
                .header(SHEETS_READ, String.valueOf(report.sheetsRead()))
                .contentType(MediaType.parseMediaType(contentType))
                .body(body);
    }
}
