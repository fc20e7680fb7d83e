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
    private final Rotations rotations;
    private final Clock clock;

    public SettingRotation(Sites sites, Rotations rotations, Clock clock) {
        this.sites = sites;
        this.rotations = rotations;
        this.clock = clock;
    }

    public Mono<Rotation> set(Caller caller, String site, LocalDate day, List<String> reps) {
        caller.requireOn(site, Role.MANAGER);
        return sites.find(caller.scope(), site).switchIfEmpty(Mono.error(() -> ManagingSites.unknown(site)))
                .flatMap(known -> {
                    LocalDate today = known.today(clock.instant());
                    if (day.isBefore(today)) {
                        return Mono.error(ProblemException.invalid("rotation-in-the-past",
                                "不能修改过去日期的排序表 (The rotation of " + day + " is past; set today's or a later one)"));
                    }
                    return rotations.find(caller.scope(), site, day)
                            .map(Rotation::revision).defaultIfEmpty(0L)
                            .flatMap(revision -> {
                                Rotation rotation = Rotation.set(known.profile(), day, reps, caller.userId(), revision);
                                RotationSet event = new RotationSet(site, day,
                                        rotation.order().stream().map(r -> new RotationSet.Rep(r.userId(), r.name())).toList(),
                                        caller.userId(), rotation.revision());
                                return rotations.save(caller, rotation, revision, List.of(PendingEvent.of(site, key(site, day), event)))
                                        .flatMap(written -> written ? Mono.just(rotation) : Mono.error(ProblemException.conflict(
                                                "rotation-changed", "排序表刚被他人修改，请刷新后重试 (Someone changed this rotation at the same time; reload and try again)")));
                            });
                });
    }

    public Mono<Rotation> get(Caller caller, String site, LocalDate day) {
        caller.scope().requireRead(site);
        return rotations.find(caller.scope(), site, day)
                .switchIfEmpty(sites.find(caller.scope(), site)
                        .switchIfEmpty(Mono.error(() -> ManagingSites.unknown(site)))
                        .map(known -> new Rotation(site, day, List.of(), null, 0)));
    }

    /** Today's rotation in the site's calendar. */
    public Mono<Rotation> today(Caller caller, String site) {
        caller.scope().requireRead(site);
        return sites.find(caller.scope(), site).switchIfEmpty(Mono.error(() -> ManagingSites.unknown(site)))
                .flatMap(known -> get(caller, site, known.today(clock.instant())));
    }

    public static String key(String site, LocalDate day) {
        return site + ":" + day;
    }
}
