package io.anchang.deal.application;

import io.anchang.deal.domain.Unit;
import io.anchang.platform.audit.AuditRecord;
import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * R-DEAL-4, R-SEC-3: the subscription agreement prints the buyer's full phone, so only the deal's own rep,
 * the site's SUPERVISOR/MANAGER and FINANCE (its copy) may print it; every print, and every refused
 * attempt, goes to the site's audit trail with who and when. Everywhere else the phone is masked.
 */
public class PrintingAgreements {

    public static final String PRINTED = "security.agreement-printed";
    public static final String REFUSED = "security.agreement-print-refused";

    private final Units units;
    private final AuditTrail audit;
    private final Clock clock;

    public PrintingAgreements(Units units, AuditTrail audit, Clock clock) {
        this.units = units;
        this.audit = audit;
        this.clock = clock;
    }

    /** The unit whose agreement {@code caller} may print now; the print is audited before it is answered. */
    public Mono<Unit> print(Caller caller, String site, String unitId) {
        caller.scope().requireRead(site);
        return units.find(caller.scope(), site, unitId).switchIfEmpty(Mono.error(() -> ManagingInventory.unknownUnit(unitId)))
                .flatMap(unit -> {
                    boolean own = unit.sale() != null && unit.sale().repUserId().equals(caller.userId()) && caller.has(Role.SALES);
                    if (!own && !caller.hasAny(Role.SUPERVISOR, Role.FINANCE)) {
                        return record(caller, site, unit, REFUSED, null).then(Mono.error(ProblemException.forbidden("agreement-print-refused",
                                "认购书含买受人完整电话，只有本交易的置业顾问、主管、经理和财务可以打印；此次尝试已记入审计 (Only the deal's rep, a SUPERVISOR/MANAGER or FINANCE may print it; this attempt was audited)").audited()));
                    }
                    if (unit.sale() == null || unit.sale().agreement() == null) {
                        return Mono.error(ProblemException.notFound("agreement-unknown", "房源 " + unit.label()
                                + " 尚无已签发的认购书 (Unit " + unit.label() + " has no issued subscription agreement)"));
                    }
                    if (!unit.sale().agreement().numbered()) {
                        return Mono.error(new ProblemException(409, "agreement-being-numbered", "Conflict", "房源 " + unit.label()
                                + " 的认购书正在编号，请稍后再打印 (The agreement is being numbered; print it in a moment)",
                                Map.of(ProblemException.RETRY_AFTER_SECONDS, 2)));
                    }
                    return record(caller, site, unit, PRINTED, unit.sale().agreement().number()).thenReturn(unit);
                });
    }

    private Mono<Void> record(Caller caller, String site, Unit unit, String action, String number) {
        String who = caller.name().replace("\"", "'");
        AuditRecord record = new AuditRecord(UUID.randomUUID().toString(), site, clock.instant(), caller.userId(), action, unit.id(), null,
                "{\"agreementNo\":" + (number == null ? "null" : "\"" + number + "\"") + ",\"name\":\"" + who + "\",\"roles\":\"" + caller.roles() + "\"}",
                "R-SEC-3 " + (number == null ? "拒绝打印认购书（含完整电话）：" : "打印认购书 " + number + "（含完整电话）：") + caller.name());
        // R-SEC-4: a refusal is rate limited and summarised, a print is recorded in full
        return action.equals(REFUSED) ? audit.recordRefusal(record) : audit.record(record);
    }
}
