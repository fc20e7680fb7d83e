package io.anchang.reception.application;

import io.anchang.platform.events.reception.ViolationRecorded;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.reception.domain.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** R-REC-4: a SUPERVISOR or MANAGER records a violation with the policy's penalty. */
public class RecordingViolations {

    private final Sites sites;
    private final Violations violations;
    private final Clock clock;

    public RecordingViolations(Sites sites, Violations violations, Clock clock) {
        this.sites = sites;
        this.violations = violations;
        this.clock = clock;
    }

    public Mono<Violation> record(Caller caller, String site, String rep, Violation.Kind kind, Violation.Severity severity,
                                  String note, String unitLabel, String visitId) {
        caller.requireOn(site, Role.SUPERVISOR);
        return sites.find(caller.scope(), site).switchIfEmpty(Mono.error(() -> Sites.unknown(site))).flatMap(known -> {
            known.staffMember(rep);
            Violation violation = Violation.record(UUID.randomUUID().toString(), site, rep, kind, severity, note, unitLabel, visitId,
                    caller.userId(), clock.instant());
            ViolationRecorded event = new ViolationRecorded(violation.id(), site, rep, kind.name(), violation.severity().name(),
                    violation.penalty(), note, unitLabel, visitId, caller.userId(), violation.at());
            return violations.add(caller, violation, List.of(PendingEvent.of(site, violation.id(), event)
                    .because(kind.chinese() + "：" + violation.penalty()))).thenReturn(violation);
        });
    }

    public Flux<Violation> list(Caller caller, String site) {
        caller.requireOn(site, Role.SUPERVISOR);
        return violations.of(caller.scope(), site);
    }
}
