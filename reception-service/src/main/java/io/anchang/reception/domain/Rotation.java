package io.anchang.reception.domain;

import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.site.StaffMember;
import io.anchang.platform.validation.Echo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A site's front desk for one day of its calendar: the rotation (排序表, R-REC-1) of the reps
 * on duty in turn order, each rep's status, owed turns and the customer they serve (R-REC-2),
 * the queue of customers waiting for a rep (R-REC-9), and event mode (R-REC-8).
 *
 * <p>The rotation hands out a new customer to the rep it gives ({@link #next()}): reps owed a
 * turn first, then the first AVAILABLE rep in turn order. Handing out a turn is two steps: the
 * rep is <em>held</em> for the visit while the rules decide, then the visit is served — by the
 * held rep on their turn, which sends them and every OUT or BUSY rep passed over to the back
 * (an OUT rep passed over is owed that turn; a BUSY one only where {@code owedTurnsWhenBusy}) —
 * or by someone else, which gives the held rep back untouched. A held rep is skipped by other
 * visits, so no turn is handed out twice.
 */
public record Rotation(String siteId, LocalDate day, List<Rep> order, String setBy, long revision, boolean eventMode,
                       List<Waiting> queue, List<String> givenBack) {

    /** Roles that receive customers at the desk. */
    private static final Set<Role> RECEIVING = Set.of(Role.SALES, Role.SUPERVISOR, Role.MANAGER);

    public Rotation {
        order = List.copyOf(order);
        queue = queue == null ? List.of() : List.copyOf(queue);
        givenBack = givenBack == null ? List.of() : List.copyOf(givenBack);
    }

    public Rotation(String siteId, LocalDate day, List<Rep> order, String setBy, long revision) {
        this(siteId, day, order, setBy, revision, false, List.of(), List.of());
    }

    /**
     * A rep on duty: status (R-REC-2), the turns the rotation owes them, the reception under way,
     * and the visit they are held for while the rules decide.
     */
    public record Rep(String userId, String name, RepStatus status, int owed, Serving serving, String heldFor) {

        public Rep {
            status = status == null ? RepStatus.AVAILABLE : status;
            if (owed < 0) {
                throw new IllegalStateException("owed turns never go negative: " + userId + " " + owed);
            }
        }

        public Rep(String userId, String name) {
            this(userId, name, RepStatus.AVAILABLE, 0, null, null);
        }

        /** Free for a new customer: AVAILABLE and held for no visit. */
        public boolean free() {
            return status == RepStatus.AVAILABLE && heldFor == null;
        }

        Rep with(RepStatus status, int owed, Serving serving, String heldFor) {
            return new Rep(userId, name, status, owed, serving, heldFor);
        }
    }

    /**
     * A customer being served: the visit, who the customer is (masked), since when, whether it is the server's turn (the
     * rotation's, or — asked for by name on a first visit — their own, R-REC-6).
     */
    public record Serving(String visitId, String customer, Instant since, boolean usedTurn) {
    }

    /**
     * A customer waiting in the desk's queue (R-REC-9), in arrival order.
     *
     * @param preferredRep the owner or the named rep they wait for; anyone free first takes them as helper
     * @param usesTurn     a new customer: the rep the rotation gives takes them on their turn
     * @param notRep       the owner the customer turned down or complained about: never takes them (R-ATT-5, R-ATT-6)
     * @param namedTurnOf  R-REC-6: the rep asked for by name, whose turn the visit used on arrival: taking them uses no second
     */
    public record Waiting(String visitId, String customer, Instant since, String preferredRep, boolean usesTurn, String notRep,
                          String namedTurnOf) {

        public Waiting(String visitId, String customer, Instant since, String preferredRep, boolean usesTurn) {
            this(visitId, customer, since, preferredRep, usesTurn, null, null);
        }

        public Duration waited(Instant now) {
            return Duration.between(since, now).isNegative() ? Duration.ZERO : Duration.between(since, now);
        }

        /** Whether {@code rep} may take this customer: anyone but the owner they turned down. */
        boolean acceptable(String rep) {
            return !rep.equals(notRep);
        }
    }

    /**
     * A waiting customer given to a rep.
     *
     * @param usedTurn whether taking them charged the rep a rotation turn now
     * @param assigned the MANAGER gave them to the rep (R-REC-8), rather than the rotation
     */
    public record Pickup(Waiting waiting, String rep, boolean usedTurn, Instant at, boolean assigned) {

        public Pickup(Waiting waiting, String rep, boolean usedTurn, Instant at) {
            this(waiting, rep, usedTurn, at, false);
        }

        /** Whether it is the rep's turn: charged now, or — asked for by name on a first visit — charged on arrival (R-REC-6). */
        public boolean repsTurn() {
            return usedTurn || rep.equals(waiting.namedTurnOf());
        }
    }

    /**
     * What customer-service proposes for a visit (flow 1): who serves and on whose turn, or whom the customer waits for.
     *
     * @param server       the rep who serves, or null: the customer waits
     * @param usesTurn     the server takes them on their rotation turn; a waiting customer: whoever the rotation gives does
     * @param preferredRep for a waiting customer: the rep they wait for, or null for the rotation's next rep
     * @param notRep       the owner the customer turned down or complained about (R-ATT-5, R-ATT-6)
     * @param namedTurnOf  R-REC-6: the rep asked for by name whose turn the visit uses whoever serves
     */
    public record Proposal(String server, boolean usesTurn, String preferredRep, String notRep, String namedTurnOf) {
    }

    /** Where a visit went: the rep who serves it and whether it is their turn, or the queue. */
    public record Placement(String server, boolean turn, Waiting waiting) {
    }

    /** A visit placed, and the waiting customers who went to reps in the same change. */
    public record Placed(Placement placement, List<Pickup> pickups) {
    }

    /** How a reception counts in the rotation. */
    private enum Turn {
        /** none: a return visit, a helper, the MANAGER's assignment */
        NONE,
        /** the rotation's turn: an owed make-up turn is repaid, else the rep goes to the back with every OUT or BUSY rep passed over */
        ROTATION,
        /** R-REC-6: the named rep's own turn, charged when the customer arrived */
        NAMED
    }

    /** A desk after a change, with what the change produced. */
    public record Outcome<T>(Rotation rotation, T result) {
    }

    // ------------------------------------------------------------------ the order (R-REC-1)

    /**
     * R-REC-1: the MANAGER sets who is on duty and in what order. Each rep must be an active
     * member of the site's staff who receives customers, listed once. Reps still on duty keep
     * their status, owed turns and the customer they serve; a rep serving or held cannot leave.
     */
    public static Rotation set(SiteProfile site, LocalDate day, List<String> userIds, String setBy, Rotation previous) {
        List<Rep> order = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String userId : userIds) {
            StaffMember member = site.member(userId).filter(StaffMember::active).orElseThrow(() -> ProblemException.invalid(
                    "rep-unknown", "置业顾问 " + Echo.of(userId) + " 不在案场 " + site.code() + " 的在岗名单中 (" + Echo.of(userId)
                            + " is not on the staff of site " + site.code() + ")"));
            if (!RECEIVING.contains(member.role())) {
                throw ProblemException.invalid("rep-not-receiving", member.name() + " 的角色是" + member.role().chinese()
                        + "，不接待客户 (" + member.name() + " is " + member.role() + " and does not receive customers)");
            }
            if (!seen.add(userId)) {
                throw ProblemException.invalid("rep-twice", member.name() + " 在排序表中出现两次 (" + member.name()
                        + " is listed twice in the rotation)");
            }
            Rep kept = previous == null ? null : previous.rep(userId).orElse(null);
            order.add(kept == null ? new Rep(userId, member.name()) : new Rep(userId, member.name(), kept.status(), kept.owed(),
                    kept.serving(), kept.heldFor()));
        }
        if (previous != null) {
            for (Rep leaving : previous.order()) {
                if (!seen.contains(leaving.userId()) && (leaving.serving() != null || leaving.heldFor() != null)) {
                    throw ProblemException.conflict("rep-serving", "置业顾问 " + leaving.name() + " 正在接待客户，送客后才能移出排序表 ("
                            + leaving.name() + " is serving a customer; see the customer off first)");
                }
            }
        }
        return new Rotation(site.code(), day, order, setBy, (previous == null ? 0 : previous.revision()) + 1,
                previous != null && previous.eventMode(), previous == null ? List.of() : previous.queue(),
                previous == null ? List.of() : previous.givenBack());
    }

    public Optional<Rep> rep(String userId) {
        return order.stream().filter(r -> r.userId().equals(userId)).findFirst();
    }

    /** The rep on duty, or a problem the desk understands: 置业顾问 张伟 不在今日排班中. */
    public Rep onDuty(String userId, String name) {
        return rep(userId).orElseThrow(() -> ProblemException.invalid("rep-not-on-duty", "置业顾问 " + (name == null ? Echo.of(userId) : name)
                + " 不在今日排班中 (" + Echo.of(userId) + " is not on the rotation of " + day + ")"));
    }

    /**
     * The rep the rotation gives the next new customer (R-REC-1, R-REC-2): a rep owed turns first,
     * then the first free rep in turn order; none in event mode (R-REC-8).
     */
    public Rep next() {
        return nextExcept(null);
    }

    /** The rep the rotation gives next of those other than {@code excluded} (R-ATT-5, R-ATT-6: the owner turned down). */
    public Rep nextExcept(String excluded) {
        if (eventMode) {
            return null;
        }
        return order.stream().filter(r -> r.free() && r.owed() > 0 && !r.userId().equals(excluded)).findFirst()
                .or(() -> order.stream().filter(r -> r.free() && !r.userId().equals(excluded)).findFirst()).orElse(null);
    }

    /** The rep who serves the next new customer. */
    public Rep up() {
        return next();
    }

    /** The rep who must be at the desk next (二2): the one the rotation gives once the up rep is busy. */
    public Rep onDeck() {
        Rep up = next();
        return up == null ? null : replace(up.userId(), r -> r.with(r.status(), r.owed(), r.serving(), "on-deck")).next();
    }

    // ------------------------------------------------------------------ handing out a turn

    /**
     * Holds the rep the rotation gives for {@code visitId} while the rules decide; none when nobody is free, and none
     * when the visit is already served or waiting (an earlier attempt at it placed the customer: no second turn).
     */
    public Outcome<Rep> hold(String visitId) {
        Optional<Rep> already = order.stream().filter(r -> visitId.equals(r.heldFor())).findFirst();
        if (already.isPresent()) {
            return new Outcome<>(this, already.get());
        }
        if (placed(visitId)) {
            return new Outcome<>(this, null);
        }
        Rep next = next();
        if (next == null) {
            return new Outcome<>(this, null);
        }
        return new Outcome<>(replace(next.userId(), r -> r.with(r.status(), r.owed(), r.serving(), visitId)), next);
    }

    /** Lets go of the rep held for {@code visitId}, untouched (they keep their place). */
    public Rotation release(String visitId) {
        Rotation next = this;
        for (Rep rep : order) {
            if (visitId.equals(rep.heldFor())) {
                next = next.replace(rep.userId(), r -> r.with(r.status(), r.owed(), r.serving(), null));
            }
        }
        return next;
    }

    /** Whether {@code userId} can take {@code visitId} now: on duty, AVAILABLE, and held for nothing else. */
    public boolean canServe(String userId, String visitId) {
        return rep(userId).map(r -> r.status() == RepStatus.AVAILABLE && (r.heldFor() == null || r.heldFor().equals(visitId)))
                .orElse(false);
    }

    /**
     * The visit is served by {@code userId}, who becomes BUSY (R-REC-2). With {@code usesTurn} it is
     * their turn: a rep owed turns is repaid one; the rotation's own rep goes to the back with every
     * OUT or BUSY rep passed over (R-REC-1, R-REC-2).
     */
    public Rotation serve(String visitId, String userId, boolean usesTurn, String customer, Instant at, PolicySettings settings) {
        return serve(visitId, userId, usesTurn ? Turn.ROTATION : Turn.NONE, customer, at, settings);
    }

    private Rotation serve(String visitId, String userId, Turn turn, String customer, Instant at, PolicySettings settings) {
        Rep rep = rep(userId).orElseThrow(() -> new IllegalStateException(userId + " is not on duty"));
        if (placed(visitId)) {
            throw placedAlready(visitId);
        }
        if (!canServe(userId, visitId)) {
            throw ProblemException.conflict("rep-not-free", "置业顾问 " + rep.name() + " 现在不能接待 (" + rep.name() + " is "
                    + rep.status() + ")");
        }
        boolean rotationPick = visitId.equals(rep.heldFor());
        Rotation next = release(visitId);
        if (turn == Turn.ROTATION) {
            next = next.turnTakenBy(userId, rotationPick, settings);
        }
        return next.replace(userId, r -> r.with(RepStatus.BUSY, r.owed(), new Serving(visitId, customer, at, turn != Turn.NONE), null));
    }

    /**
     * R-REC-6: a first-time customer asked for {@code userId} by name: it is their turn in every case — they go to the back
     * of the order, whoever receives, and an owed make-up turn is kept, not spent. Nobody else moves. A rep not on duty
     * has no turn to use.
     */
    public Rotation namedTurn(String userId) {
        Rep named = rep(userId).orElse(null);
        if (named == null) {
            return this;
        }
        List<Rep> reordered = new ArrayList<>(order.stream().filter(r -> !r.userId().equals(userId)).toList());
        reordered.add(named);
        return withOrder(reordered);
    }

    /**
     * Flow 1: gives the customer of {@code visitId} to a rep or the queue as customer-service proposed — or, without a
     * proposal (customer-service did not answer), to the rep held for it on their turn — then lets waiting customers go
     * to reps still free (R-REC-9). An R-REC-6 named turn is charged on arrival, whoever serves. A visit the desk has
     * placed already (another attempt at it) keeps its place: never a second rep or turn.
     *
     * @param heldRep  the rep held for the visit while customer-service decided, or null
     * @param proposal what customer-service proposes, or null in degraded mode
     */
    public Outcome<Placed> place(String visitId, String heldRep, Proposal proposal, String customer, Instant arrived, Instant now,
                                 PolicySettings settings) {
        Placement placement;
        Rotation next;
        Optional<Rep> serving = servingOf(visitId);
        Optional<Waiting> waiting = waiting(visitId);
        if (serving.isPresent()) {
            placement = new Placement(serving.get().userId(), serving.get().serving().usedTurn(), null);
            next = release(visitId);
        } else if (waiting.isPresent()) {
            placement = new Placement(null, false, waiting.get());
            next = release(visitId);
        } else {
            Rotation charged = proposal != null && proposal.namedTurnOf() != null ? namedTurn(proposal.namedTurnOf()) : this;
            Seat seat = charged.seat(visitId, heldRep, proposal, customer, arrived);
            placement = new Placement(seat.server(), seat.turn() != Turn.NONE, seat.waiting());
            next = seat.server() != null ? charged.serve(visitId, seat.server(), seat.turn(), customer, arrived, settings)
                    : charged.enqueue(seat.waiting());
        }
        Outcome<List<Pickup>> drained = next.drain(now, settings);
        return new Outcome<>(drained.rotation(), new Placed(placement, drained.result()));
    }

    private record Seat(String server, Turn turn, Waiting waiting) {
    }

    private Seat seat(String visitId, String heldRep, Proposal proposal, String customer, Instant arrived) {
        if (proposal == null) {
            // degraded: the rotation's rep serves on their turn; reconciled when customer-service is back. In event mode
            // the MANAGER assigns (R-REC-8): the customer waits
            if (heldRep != null && !eventMode && canServe(heldRep, visitId)) {
                return new Seat(heldRep, Turn.ROTATION, null);
            }
            return new Seat(null, Turn.NONE, new Waiting(visitId, customer, arrived, null, true));
        }
        String server = proposal.server();
        if (server != null && canServe(server, visitId)) {
            Turn turn = server.equals(proposal.namedTurnOf()) ? Turn.NAMED : proposal.usesTurn() ? Turn.ROTATION : Turn.NONE;
            return new Seat(server, turn, null);
        }
        if (server != null && heldRep != null && canServe(heldRep, visitId) && !heldRep.equals(proposal.notRep())) {
            // the rep the rules named was taken meanwhile: the held rep receives as helper, without a turn (R-ATT-3, R-REC-9)
            return new Seat(heldRep, Turn.NONE, null);
        }
        String preferred = server != null ? server : proposal.preferredRep();
        return new Seat(null, Turn.NONE, new Waiting(visitId, customer, arrived, preferred,
                server == null && proposal.usesTurn() && proposal.namedTurnOf() == null, proposal.notRep(), proposal.namedTurnOf()));
    }

    private Rotation turnTakenBy(String userId, boolean rotationPick, PolicySettings settings) {
        Rep taker = rep(userId).orElseThrow();
        if (taker.owed() > 0) {
            // R-REC-2: a make-up turn, ahead of the rotation
            return replace(userId, r -> r.with(r.status(), r.owed() - 1, r.serving(), r.heldFor()));
        }
        List<Rep> passed = new ArrayList<>();
        List<Rep> staying = new ArrayList<>();
        boolean reached = false;
        for (Rep rep : order) {
            if (rep.userId().equals(userId)) {
                reached = true;
                continue;
            }
            boolean skipped = rotationPick && !reached && rep.heldFor() == null
                    && (rep.status() == RepStatus.OUT || rep.status() == RepStatus.BUSY);
            if (skipped) {
                boolean owed = rep.status() == RepStatus.OUT || settings.owedTurnsWhenBusy();
                passed.add(owed ? rep.with(rep.status(), rep.owed() + 1, rep.serving(), rep.heldFor()) : rep);
            } else {
                staying.add(rep);
            }
        }
        List<Rep> reordered = new ArrayList<>(staying);
        reordered.addAll(passed);
        reordered.add(taker);
        return withOrder(reordered);
    }

    /**
     * A customer nobody can serve now waits in the queue, in arrival order (R-REC-9): behind everyone who came
     * before them — a customer whose registration was completed late (recovered) is not sent to the back.
     * The rep held for the visit, if any, is let go.
     */
    public Rotation enqueue(Waiting waiting) {
        if (queue.stream().anyMatch(w -> w.visitId().equals(waiting.visitId()))) {
            return release(waiting.visitId());
        }
        if (servingOf(waiting.visitId()).isPresent()) {
            throw placedAlready(waiting.visitId());
        }
        List<Waiting> longer = new ArrayList<>(queue);
        int place = longer.size();
        while (place > 0 && longer.get(place - 1).since().isAfter(waiting.since())) {
            place--;
        }
        longer.add(place, waiting);
        return new Rotation(siteId, day, order, setBy, revision, eventMode, longer, givenBack).release(waiting.visitId());
    }

    /**
     * 客户离开/未接待: a waiting customer left without being served; the queue moves on without them.
     *
     * @return their place in the queue (since when they waited)
     */
    public Outcome<Waiting> leave(String visitId) {
        Waiting waiting = waiting(visitId).orElseThrow(() -> servingOf(visitId)
                .map(rep -> ProblemException.conflict("not-waiting", "这位客户已由" + rep.name() + "接待，不能登记为离开 (Visit "
                        + Echo.of(visitId) + " is being served by " + rep.name() + ", not waiting)"))
                .orElseGet(() -> ProblemException.conflict("not-waiting", "这位客户不在等候队列中 (Visit " + Echo.of(visitId) + " is not waiting)")));
        return new Outcome<>(dequeue(visitId), waiting);
    }

    /** 送客 (R-REC-2): the rep who served {@code visitId} is AVAILABLE again; the reception's record is returned. */
    public Outcome<Rep> seeOff(String visitId) {
        Rep rep = order.stream().filter(r -> r.serving() != null && r.serving().visitId().equals(visitId)).findFirst()
                .orElseThrow(() -> ProblemException.conflict("not-being-served", "这位客户目前没有置业顾问在接待 (No rep is serving visit "
                        + Echo.of(visitId) + ")"));
        return new Outcome<>(replace(rep.userId(), r -> r.with(RepStatus.AVAILABLE, r.owed(), null, r.heldFor())), rep);
    }

    /**
     * A registration closed unfinished because its day is over: the desk lets go of the visit — the rep held for it or
     * serving it is free again, and it waits no more — and no turn moves (the turn order stays as it is).
     */
    public Rotation forget(String visitId) {
        Rotation next = release(visitId).dequeue(visitId);
        return next.servingOf(visitId).map(rep -> next.seeOff(visitId).rotation()).orElse(next);
    }

    /**
     * R-REC-9: while reps are free and customers wait, customers go to reps in arrival order: each to the rep they wait
     * for if free, else — a new customer — the rep the rotation gives, on their turn, or — a customer who has an owner — the
     * first rep free, as helper without a turn. A customer who turned their owner down is never given to that owner (R-ATT-5,
     * R-ATT-6): while the owner is the only rep free, they wait and the customers behind them are served. In event mode
     * the MANAGER assigns instead (R-REC-8).
     */
    public Outcome<List<Pickup>> drain(Instant at, PolicySettings settings) {
        Rotation desk = this;
        List<Pickup> pickups = new ArrayList<>();
        boolean moved = true;
        while (moved && !desk.eventMode()) {
            moved = false;
            for (Waiting waiting : desk.queue()) {
                Rep preferred = waiting.preferredRep() == null || !waiting.acceptable(waiting.preferredRep()) ? null
                        : desk.rep(waiting.preferredRep()).filter(Rep::free).orElse(null);
                Rep rep = preferred != null ? preferred : desk.nextExcept(waiting.notRep());
                if (rep == null) {
                    continue;
                }
                boolean turn = waiting.usesTurn() && preferred == null;
                // out of the queue first: a visit still waiting counts as placed, and a placed visit holds no rep
                Rotation rest = desk.dequeue(waiting.visitId());
                Outcome<Rep> held = turn ? rest.hold(waiting.visitId()) : new Outcome<>(rest, rep);
                String taker = held.result().userId();
                Turn kind = turn ? Turn.ROTATION : taker.equals(waiting.namedTurnOf()) ? Turn.NAMED : Turn.NONE;
                desk = held.rotation().serve(waiting.visitId(), taker, kind, waiting.customer(), at, settings);
                pickups.add(new Pickup(waiting, taker, turn, at, false));
                moved = true;
                break;
            }
        }
        return new Outcome<>(desk, pickups);
    }

    /** R-REC-8 (and any time): the MANAGER gives a waiting customer to a free rep, without a turn. */
    public Outcome<Pickup> assign(String visitId, String userId, Instant at, PolicySettings settings) {
        Waiting waiting = queue.stream().filter(w -> w.visitId().equals(visitId)).findFirst()
                .orElseThrow(() -> ProblemException.conflict("not-waiting", "这位客户不在等候队列中 (Visit " + Echo.of(visitId) + " is not waiting)"));
        Rep rep = onDuty(userId, null);
        if (!rep.free()) {
            throw ProblemException.conflict("rep-not-free", "置业顾问 " + rep.name() + " 现在不能接待（" + rep.status().chinese() + "） ("
                    + rep.name() + " is " + rep.status() + ")");
        }
        if (!waiting.acceptable(userId)) {
            throw ProblemException.conflict("turned-down-rep", "客户拒绝由" + rep.name() + "接待，请分配其他置业顾问 (R-ATT-5, R-ATT-6: the "
                    + "customer turned " + rep.name() + " down)");
        }
        Turn turn = userId.equals(waiting.namedTurnOf()) ? Turn.NAMED : Turn.NONE;
        Rotation next = dequeue(visitId).serve(visitId, userId, turn, waiting.customer(), at, settings);
        return new Outcome<>(next, new Pickup(waiting, userId, false, at, true));
    }

    private Rotation dequeue(String visitId) {
        return new Rotation(siteId, day, order, setBy, revision, eventMode,
                queue.stream().filter(w -> !w.visitId().equals(visitId)).toList(), givenBack);
    }

    // ------------------------------------------------------------------ presence (R-REC-2)

    /**
     * A rep goes OUT (on company business) or comes back AVAILABLE. BUSY is not set by hand:
     * taking a customer makes a rep BUSY, seeing them off frees them.
     */
    public Rotation status(String userId, String name, RepStatus status) {
        Rep rep = onDuty(userId, name);
        if (status == RepStatus.BUSY) {
            throw ProblemException.invalid("status-busy-by-hand", "接待客户即为“接待中”，送客后恢复空闲，不能手动设置 (BUSY comes from taking a customer)");
        }
        if (rep.serving() != null || rep.heldFor() != null) {
            throw ProblemException.conflict("rep-serving", "置业顾问 " + rep.name() + " 正在接待客户，请先送客 (" + rep.name()
                    + " is serving a customer; see them off first)");
        }
        return replace(userId, r -> r.with(status, r.owed(), null, null));
    }

    /**
     * R-ATT-10, or a turn used wrongly while customer-service was away: the rep is owed it back,
     * once per visit however often the news arrives.
     */
    public Rotation turnGivenBack(String userId, String visitId) {
        if (rep(userId).isEmpty() || givenBack.contains(visitId)) {
            return this;
        }
        List<String> more = new ArrayList<>(givenBack);
        more.add(visitId);
        return new Rotation(siteId, day, order, setBy, revision, eventMode, queue, more)
                .replace(userId, r -> r.with(r.status(), r.owed() + 1, r.serving(), r.heldFor()));
    }

    /** R-REC-8: the MANAGER suspends the rotation for an event, or resumes it. */
    public Rotation eventMode(boolean on) {
        return new Rotation(siteId, day, order, setBy, revision, on, queue, givenBack);
    }

    /**
     * The desk as customer-service needs it, once the up rep is held for this visit: who is up, who is on deck (the rep
     * the rotation gives next should the up rep not take the customer), each rep and their status.
     */
    public Desk desk(String heldRep, String visitId) {
        Rep onDeck = heldRep == null ? null : next();
        return new Desk(heldRep, eventMode, order.stream().map(r -> new Desk.DeskRep(r.userId(), r.name(),
                r.heldFor() != null && !r.heldFor().equals(visitId) ? RepStatus.BUSY : r.status())).toList(),
                onDeck == null ? null : onDeck.userId());
    }

    /** Who serves {@code visitId} now, if anyone. */
    public Optional<Rep> servingOf(String visitId) {
        return order.stream().filter(r -> r.serving() != null && r.serving().visitId().equals(visitId)).findFirst();
    }

    public Optional<Waiting> waiting(String visitId) {
        return queue.stream().filter(w -> w.visitId().equals(visitId)).findFirst();
    }

    /** Whether the desk has placed the visit: a rep serves it, or the customer waits. */
    public boolean placed(String visitId) {
        return servingOf(visitId).isPresent() || waiting(visitId).isPresent();
    }

    /** One visit, one place: never served by two reps, never served and waiting at once (no turn handed out twice). */
    private ProblemException placedAlready(String visitId) {
        Optional<Rep> serving = servingOf(visitId);
        return ProblemException.conflict("visit-placed", "这位客户已" + serving.map(r -> "由" + r.name() + "接待").orElse("在等候队列中")
                + " (Visit " + Echo.of(visitId) + " is already " + serving.map(r -> "served by " + r.name()).orElse("waiting") + ")");
    }

    private Rotation replace(String userId, UnaryOperator<Rep> change) {
        return withOrder(order.stream().map(r -> r.userId().equals(userId) ? change.apply(r) : r).toList());
    }

    private Rotation withOrder(List<Rep> reps) {
        return new Rotation(siteId, day, reps, setBy, revision, eventMode, queue, givenBack);
    }
}
