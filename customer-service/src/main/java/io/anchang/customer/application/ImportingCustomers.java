package io.anchang.customer.application;

import io.anchang.platform.store.Stored;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.imports.ImportJob;
import io.anchang.customer.domain.imports.ImportRows;
import io.anchang.platform.events.customer.CustomersImported;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.StaffMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * R-CUS-2, R-CUS-3: the MANAGER imports the office's existing customers — archive numbers, phones, owners and their
 * original registration dates, which attribution counts from (R-ATT-1, R-ATT-2). Every row is checked against the file
 * and the archive before anything is written; with any problem, every row's problem is answered and nothing is stored.
 * A right file becomes an import that writes its customers in the background, one site's import at a time, each
 * customer with its {@code customer.registered}; the same file again, or another listing the same customers the same
 * way, changes nothing.
 */
public class ImportingCustomers {

    private static final Logger log = LoggerFactory.getLogger(ImportingCustomers.class);
    /** Rows written between two saves of the import's progress. */
    static final int CHUNK = 50;

    private final Archive archive;
    private final Customers customers;
    private final ImportJobs jobs;
    private final ArchiveIndex index;

    public ImportingCustomers(Archive archive, Customers customers, ImportJobs jobs, ArchiveIndex index) {
        this.archive = archive;
        this.customers = customers;
        this.jobs = jobs;
        this.index = index;
    }

    /** R-CUS-2: only the MANAGER imports; checked before a byte of the file is read. */
    public void mayImport(Caller caller, String site) {
        caller.requireOn(site, Role.MANAGER);
    }

    /**
     * Checks every row of {@code table} (header first) and, if all are right, accepts the import; it completes in the
     * background. A file whose rows are all in the archive already is completed at once, having changed nothing.
     */
    public Mono<ImportJob> accept(Caller caller, String site, String fileName, byte[] content, List<List<String>> table) {
        mayImport(caller, site);
        String sha256 = sha256(content);
        String id = Customer.idOf("import", site + ":" + sha256);
        return jobs.byId(caller.scope(), site, id).map(Stored::value)
                .switchIfEmpty(Mono.defer(() -> Mono.zip(archive.rules(caller, site), index.of(caller.scope(), site)).flatMap(context -> {
                    SiteRules rules = context.getT1();
                    Instant now = archive.clock().instant();
                    ImportRows.Archive known = new ImportRows.Archive(site, rules.zone(), LocalDate.ofInstant(now, rules.zone()),
                            context.getT2().byPhone(), context.getT2().numbers(), rep(rules));
                    ImportRows.Result result = ImportRows.read(table, known, row -> UUID.randomUUID().toString());
                    if (!result.errors().isEmpty()) {
                        return Mono.error(invalid(result.errors()));
                    }
                    ImportJob job = ImportJob.accepted(id, site, fileName, sha256, result, caller.userId(), now);
                    return jobs.lock(caller, site, id).flatMap(locked -> {
                        if (!locked) {
                            return Mono.error(ProblemException.conflict("import-running", "本案场正在导入另一个文件，完成后再导入 (Another import "
                                    + "of this site is still writing; import again once it has completed)"));
                        }
                        PendingEvent event = PendingEvent.of(site, id, new CustomersImported(id, site, fileName, sha256, job.total(),
                                0, job.unchanged(), job.status() == ImportJob.Status.COMPLETED ? "COMPLETED" : "ACCEPTED", caller.userId(), now))
                                .because("R-CUS-2 导入客户档案 " + fileName);
                        return jobs.save(caller, job, 0, List.of(event)).flatMap(saved -> {
                            if (!saved) {
                                // the same file at the same moment: that import answers
                                return jobs.byId(caller.scope(), site, id).map(Stored::value);
                            }
                            if (job.status() == ImportJob.Status.COMPLETED) {
                                return jobs.unlock(caller, site, id).thenReturn(job);
                            }
                            write(writer(job), job).subscribe(done -> { }, e -> log.warn("import {} of {} stopped, resumed on the next start: {}",
                                    id, site, e.toString()));
                            return Mono.just(job);
                        });
                    });
                })));
    }

    public Mono<ImportJob> find(Caller caller, String site, String importId) {
        Archive.requireReader(caller, site, Role.MANAGER, Role.HEAD_OFFICE);
        return jobs.byId(caller.scope(), site, importId).map(Stored::value)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("import-unknown", "没有这次导入 (No import " + importId + ")")));
    }

    public Flux<ImportJob> list(Caller caller, String site) {
        Archive.requireReader(caller, site, Role.MANAGER, Role.HEAD_OFFICE);
        return jobs.of(caller.scope(), site, 100);
    }

    /** Imports a restart interrupted are finished. */
    public Flux<ImportJob> recover() {
        return jobs.running(SiteScope.system()).concatMap(job -> write(writer(job), job)
                .onErrorResume(e -> {
                    log.warn("could not finish import {} of {}: {}", job.id(), job.siteId(), e.toString());
                    return Mono.empty();
                }));
    }

    /** The import writes as the MANAGER who made it: the audit trail names them. */
    private static Caller writer(ImportJob job) {
        return new Caller(job.by(), job.by(), Set.of(Role.MANAGER), SiteScope.of(job.siteId()));
    }

    /** Writes the pending rows chunk by chunk, saving the progress after each; the last chunk completes the import. */
    private Mono<ImportJob> write(Caller caller, ImportJob start) {
        return Mono.defer(() -> jobs.byId(caller.scope(), start.siteId(), start.id())).flatMap(stored -> {
            ImportJob job = stored.value();
            if (job.status() == ImportJob.Status.COMPLETED) {
                return jobs.unlock(caller, job.siteId(), job.id()).thenReturn(job);
            }
            List<ImportJob.Row> chunk = job.pending().subList(0, Math.min(CHUNK, job.pending().size()));
            return Flux.fromIterable(chunk).concatMap(row -> writeRow(caller, job, row)).reduce(0, (added, one) -> added + (one ? 1 : 0))
                    .flatMap(added -> {
                        Instant now = archive.clock().instant();
                        ImportJob next = job.progressed(chunk.size(), added, now);
                        List<PendingEvent> events = next.status() == ImportJob.Status.COMPLETED
                                ? List.of(PendingEvent.of(job.siteId(), job.id(), new CustomersImported(job.id(), job.siteId(), job.fileName(),
                                job.sha256(), job.total(), next.imported(), next.unchanged(), "COMPLETED", job.by(), now))
                                .because("R-CUS-2 导入完成 " + job.fileName()))
                                : List.of();
                        return jobs.save(caller, next, stored.version(), events).flatMap(saved -> {
                            if (!saved) {
                                return Mono.<ImportJob>empty(); // another instance carries on with it
                            }
                            return next.status() == ImportJob.Status.COMPLETED
                                    ? jobs.unlock(caller, job.siteId(), job.id()).thenReturn(next)
                                    : write(caller, next);
                        });
                    });
        });
    }

    /** One customer of the list, with the id chosen when the file was checked: written once, however often this runs. */
    private Mono<Boolean> writeRow(Caller caller, ImportJob job, ImportJob.Row row) {
        Mono<String> number = row.archiveNo() != null ? Mono.just(row.archiveNo()) : customers.nextArchiveNo(caller, job.siteId());
        return customers.byId(SiteScope.system(), job.siteId(), row.customerId()).map(found -> false)
                .switchIfEmpty(Mono.defer(() -> number.flatMap(archiveNo -> {
                    Customer customer = Customer.register(row.customerId(), job.siteId(), archiveNo, row.phones().get(0), row.name(),
                            row.source(), row.registeredAt(), job.by(), null, null);
                    for (String phone : row.phones().subList(1, row.phones().size())) {
                        customer = customer.withPhone(phone);
                    }
                    if (row.owner() != null) {
                        // R-ATT-1: the first registration made the owner, and protection counts from it (R-ATT-2)
                        customer = customer.passedTo(row.owner(), row.registeredAt(), "R-ATT-1", null);
                    }
                    return customers.add(caller, customer, CustomerEvents.registeredOrChanged(null, customer, row.registeredAt(),
                            "R-CUS-2 导入客户档案 " + job.fileName() + " 第 " + row.row() + " 行"));
                })));
    }

    /** A rep of the site by user id or by the name people know them by. */
    private static Function<String, Optional<String>> rep(SiteRules rules) {
        return text -> {
            if (rules.profile() == null) {
                return Optional.empty();
            }
            return rules.profile().staff().stream().filter(StaffMember::active)
                    .filter(m -> m.role() == Role.SALES || m.role() == Role.SUPERVISOR || m.role() == Role.MANAGER)
                    .filter(m -> m.userId().equals(text) || m.name().equals(text)).map(StaffMember::userId).findFirst();
        };
    }

    private static ProblemException invalid(List<ImportRows.RowError> errors) {
        List<Map<String, Object>> listed = errors.stream().map(e -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("row", e.row());
            error.put("message", e.message());
            return error;
        }).toList();
        String first = errors.get(0).message();
        return new ProblemException(400, "import-rows-invalid", "Invalid import", errors.size() + " 行有误，未导入任何客户；" + first
                + (errors.size() > 1 ? " 等" : "") + " (" + errors.size() + " row(s) are wrong: nothing was imported; each is listed in errors)",
                Map.of("errors", listed));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
