package io.anchang.reception.application;

import io.anchang.platform.events.reception.RotationSet;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.reception.domain.Rotation;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** R-REC-1: a MANAGER sets the day's rotation; everyone of the site reads it. */
public class SettingRotation {

    private final Sites sites;
    private final DeskChanges desks;
    private final Clock clock;

    public SettingRotation(Sites sites, DeskChanges desks, Clock clock) {
        this.sites = sites;
        this.desks = desks;
        this.clock = clock;
    }

    public Mono<Rotation> set(Caller caller, String site, LocalDate day, List<String> reps) {
        caller.requireOn(site, Role.MANAGER);
        return sites.find(caller.scope(), site).switchIfEmpty(Mono.error(() -> Sites.unknown(site)))
                .flatMap(known -> {
                    LocalDate today = known.today(clock.instant());
                    if (day.isBefore(today)) {
                        return Mono.error(ProblemException.invalid("rotation-in-the-past",
                                "不能修改过去日期的排序表 (The rotation of " + day + " is past; set today's or a later one)"));
                    }
                    return desks.change(caller, site, day, previous -> {
                        Rotation rotation = Rotation.set(known.profile(), day, reps, caller.userId(),
                                previous.revision() == 0 && previous.order().isEmpty() ? null : previous);
                        RotationSet event = new RotationSet(site, day,
                                rotation.order().stream().map(r -> new RotationSet.Rep(r.userId(), r.name())).toList(),
                                caller.userId(), rotation.revision());
                        return new DeskChanges.Change<>(rotation, rotation, List.of(PendingEvent.of(site, Rotations.key(site, day), event)));
                    }).map(DeskChanges.Change::result);
                });
    }

    public Mono<Rotation> get(Caller caller, String site, LocalDate day) {
        caller.scope().requireRead(site);
        return sites.find(caller.scope(), site).switchIfEmpty(Mono.error(() -> Sites.unknown(site)))
                .then(desks.read(caller, site, day));
    }

    /** Today's rotation in the site's calendar. */
    public Mono<Rotation> today(Caller caller, String site) {
        caller.scope().requireRead(site);
        return sites.find(caller.scope(), site).switchIfEmpty(Mono.error(() -> Sites.unknown(site)))
                .flatMap(known -> desks.read(caller, site, known.today(clock.instant())));
    }

}
