package io.anchang.platform.api.attribution;

import java.util.List;
import java.util.Optional;

/**
 * The front desk at the moment of a visit: who the rotation gives (the up rep, reserved for
 * this visit), whether event mode suspends the rotation (R-REC-8), and each rep on duty with
 * their status (R-REC-2). A rep not listed is not on site today.
 *
 * @param onDeck the rep the rotation gives next should the up rep not take this customer (二2): who serves a
 *               customer who turns the up rep down (R-ATT-5, R-ATT-6); null when nobody else is free
 */
public record Desk(String upRep, boolean eventMode, List<DeskRep> reps, String onDeck) {

    public Desk {
        reps = reps == null ? List.of() : List.copyOf(reps);
    }

    public Desk(String upRep, boolean eventMode, List<DeskRep> reps) {
        this(upRep, eventMode, reps, null);
    }

    /** A rep on duty today and their status. */
    public record DeskRep(String userId, String name, RepStatus status) {
    }

    public Optional<DeskRep> rep(String userId) {
        return reps.stream().filter(r -> r.userId().equals(userId)).findFirst();
    }

    /** On site: on duty and not OUT (R-ATT-7, R-ATT-8). */
    public boolean onSite(String userId) {
        return rep(userId).map(r -> r.status() != RepStatus.OUT).orElse(false);
    }

    /** Free to serve now: AVAILABLE (the up rep is reserved for this visit and so free for it). */
    public boolean free(String userId) {
        return userId != null && (userId.equals(upRep) || rep(userId).map(r -> r.status() == RepStatus.AVAILABLE).orElse(false));
    }
}
