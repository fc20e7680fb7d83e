package io.anchang.customer.domain;

import io.anchang.customer.domain.Decision.Lodged;
import io.anchang.customer.domain.Decision.Ownership;
import io.anchang.customer.domain.Decision.Seat;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.PolicySettings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * The attribution rules of RULES.md (R-ATT, policy (五)) with the reception rules they meet
 * (R-REC-5..9) and the decisions on corner cases, as one decision table: given the customer the phone
 * identifies (or none), the customers it is linked to, what the customer said, the desk and the site's
 * settings — who serves now, whose rotation turn it uses, who owns the customer after, and what the
 * visit arranges about credit and bonus. Principle (R-ATT-3): the customer's wish decides who serves now
 * and no rule makes a customer wait or be refused over ownership — a customer waits only when no rep
 * they would accept can serve.
 */
public final class AttributionRules {

    private final PolicySettings settings;
    private final ZoneId zone;
    private final Function<String, String> names;

    public AttributionRules(PolicySettings settings, ZoneId zone, Function<String, String> names) {
        this.settings = settings;
        this.zone = zone;
        this.names = names;
    }

    /** A visit as the rules see it. */
    private record Visit(Customer known, Claim claim, boolean protectedOwner, Customer referrer, Customer household, String id,
                         Instant at, Statement said, Desk desk) {

        String owner() {
            return claim == null ? null : claim.rep();
        }
    }

    /**
     * A visit or call as it arrives at the desk — or, in degraded mode, as the desk already served it.
     *
     * @param known     the customer the phone identifies, or null (R-CUS-3)
     * @param referrer  the existing customer who brought this one, or null (R-ATT-13)
     * @param household the first member of the customer's household, or null (R-ATT-14)
     */
    public Decision decide(Customer known, Customer referrer, Customer household, AttributionRequest request) {
        Instant at = request.at();
        Claim claim = known == null ? null : known.currentClaim().orElse(null);
        Decision ideal;
        if (request.channel() == Channel.CALL) {
            ideal = call(known, claim, claim != null && claim.validAt(at, settings, zone), request.receivedBy());
        } else {
            ideal = visit(new Visit(known, claim, claim != null && claim.validAt(at, settings, zone), referrer, household,
                    request.visitId(), at, request.statement(), deskOf(request)));
        }
        String served = request.alreadyServedBy();
        Decision decided = served == null || ideal.waiting() ? ideal
                : keepServer(ideal, known, served, request.turnAlreadyUsed(), request.visitId(), at);
        return afresh(claim, at) ? decided.receivedAfresh() : decided;
    }

    /**
     * R-REC-9: a waiting customer was taken from the queue by {@code rep} — the next free rep the desk gave by the wait's
     * terms, or the MANAGER's assignment (R-REC-8). The visit is decided as of its arrival as if {@code rep} were the only
     * rep free, so that the rule that gives the customer to them (R-ATT-1, R-ATT-4, R-ATT-5, R-ATT-6, R-ATT-7, R-ATT-11 …)
     * is the one on record; the turn is the one the desk charged by the wait's terms, and an R-REC-6 named turn charged at
     * arrival is not charged again.
     */
    public Decision taken(Customer known, Customer referrer, Customer household, VisitRecord waiting, String rep, boolean turnCharged,
                          boolean assigned) {
        Instant at = waiting.at();
        Claim claim = known == null ? null : known.currentClaim().orElse(null);
        Statement said = waiting.statement() == null ? Statement.none() : waiting.statement();
        Desk desk;
        if (assigned) {
            said = new Statement(said.firstVisit(), said.namedReps(), said.askedFor(), said.refusesOwner(), said.complaint(),
                    said.forgotRep(), said.broughtByPhone(), said.householdPhone(), said.seekingDiscount(), rep);
            desk = new Desk(null, true, List.of(new Desk.DeskRep(rep, name(rep), RepStatus.AVAILABLE)));
        } else {
            desk = new Desk(rep, false, List.of());
        }
        Decision ideal = visit(new Visit(known, claim, claim != null && claim.validAt(at, settings, zone), referrer, household,
                waiting.visitId(), at, said, desk));
        Decision decided = rep.equals(ideal.server()) ? ideal : keepServer(ideal, known, rep, false, waiting.visitId(), at);
        String named = waiting.namedTurnOf();
        decided = decided.with(new Seat(decided.server(), decided.role(), decided.preferredRep(), decided.notRep(),
                turnCharged || rep.equals(named), named));
        return afresh(claim, at) ? decided.receivedAfresh() : decided;
    }

    /** R-ATT-2: the customer has a claim standing that no longer protects: received like a new one. */
    private boolean afresh(Claim claim, Instant at) {
        return claim != null && !claim.validAt(at, settings, zone);
    }

    private Decision visit(Visit v) {
        if (v.desk().eventMode()) {
            return eventMode(v);
        }
        return v.protectedOwner() ? owned(v) : unowned(v);
    }

    // ---------------------------------------------------------------- a customer whose owner's claim protects

    private Decision owned(Visit v) {
        Statement said = v.said();
        Desk desk = v.desk();
        String owner = v.owner();
        String up = desk.upRep();
        if (turnsDown(said)) {
            // R-ATT-5, R-ATT-6: the up rep serves, or — the up rep being B — the rep the rotation gives next
            return turnDown(v, up != null && !up.equals(owner) ? up : desk.onDeck(), "");
        }
        String asked = said.askedFor();
        if (asked != null && !asked.equals(owner) && desk.free(asked)) {
            if (said.seekingDiscount()) {
                // R-ATT-9: bargaining with another rep changes nothing: all to the owner
                return new Decision(Seat.serving(asked, ServingRole.NAMED, false), Ownership.UNCHANGED, null, null, "R-ATT-9",
                        "客户为争取更大折扣找" + name(asked) + "：由" + name(asked) + "接待，业绩及奖金全部属原置业顾问" + name(owner)
                                + "；回访不计轮值（R-REC-7）", null);
            }
            // R-ATT-11: asked for by name on a later visit, and the rep asked for serves
            return new Decision(Seat.serving(asked, ServingRole.NAMED, false), Ownership.passesTo(asked, "R-ATT-11"),
                    arrangement(v, Arrangement.Kind.NAMED_LATER, asked, owner, null, "R-ATT-11", null), null, "R-ATT-11",
                    "客户再次来访指定" + name(asked) + "接待：后续由" + name(asked) + "负责，成交业绩奖金" + name(asked)
                            + settings.splitNamedLater().first() + "%/原置业顾问" + name(owner) + settings.splitNamedLater().second()
                            + "%；回访不计轮值（R-REC-7）", null);
        }
        // R-ATT-9, R-ATT-11 apply only when the rep asked for serves: else decided as if the customer asked for nobody
        String note = asked != null && !asked.equals(owner) ? "客户指定的" + name(asked) + "现在不能接待，按未指定处理；" : "";
        if (!said.namedReps().isEmpty()) {
            // R-ATT-8: the first named who can serve receives; credit as R-ATT-4..7 with the receiver as the serving rep
            String receiver = said.namedReps().stream().filter(desk::free).findFirst().orElse(up);
            if (desk.free(owner) || owner.equals(receiver)) {
                return ownerServes(owner, "R-ATT-8", note + "客户说出多名置业顾问：原置业顾问" + name(owner) + "在场且空闲，交回"
                        + name(owner) + "接待，业绩属" + name(owner));
            }
            if (receiver == null) {
                return waiting(owner, null, false, null, "R-REC-9", note + "暂无置业顾问可接待，客户排队等候原置业顾问" + name(owner)
                        + "或第一位空闲者", null);
            }
            return helper(v, receiver, owner, "R-ATT-8", note + "客户说出多名置业顾问，由第一位在场的" + name(receiver) + "接待；原置业顾问"
                    + name(owner) + (desk.onSite(owner) ? "正忙" : "不在现场") + "，" + name(receiver) + "协助接待，不计轮值，"
                    + helperSplit(owner, receiver));
        }
        // R-ATT-4: back to the owner when on site and free; R-ATT-7: otherwise the up rep helps
        if (desk.free(owner)) {
            return ownerServes(owner, "R-ATT-4", note + "老客户，原置业顾问" + name(owner) + "在场且空闲，交回" + name(owner)
                    + "接待，成交业绩属" + name(owner));
        }
        if (up == null) {
            return waiting(owner, null, false, null, "R-REC-9", note + "原置业顾问" + name(owner) + "正忙，暂无其他置业顾问可接待，客户排队等候"
                    + name(owner) + "或第一位空闲者", null);
        }
        return helper(v, up, owner, "R-ATT-7", note + "原置业顾问" + name(owner) + (desk.onSite(owner) ? "正在接待其他客户" : "不在现场")
                + "，由" + name(up) + "协助接待，不计入前台轮值；" + helperSplit(owner, up));
    }

    private static boolean turnsDown(Statement said) {
        return said.refusesOwner() || complaint(said) != null;
    }

    private static String complaint(Statement said) {
        return said.complaint() == null || said.complaint().isBlank() ? null : said.complaint().strip();
    }

    /**
     * R-ATT-5, R-ATT-6: the customer turns the owner B down, or complains about B, and is never served by B on this
     * visit: {@code server} serves (A), or — nobody else being free — the customer waits for the next other rep, who then
     * serves as if free at arrival. A complaint is lodged at once; while the SUPERVISOR has not checked it, B stays owner of
     * record and A is credited as R-ATT-5 would, flagged for the MANAGER (Credit).
     */
    private Decision turnDown(Visit v, String server, String context) {
        String owner = v.owner();
        String text = complaint(v.said());
        if (text != null) {
            Lodged lodged = new Lodged(Complaint.idFor(v.id()), text, owner);
            if (server == null) {
                return waiting(null, owner, false, null, "R-ATT-6", context + "客户投诉" + name(owner) + "并拒绝其接待，投诉已告知销售主任及"
                        + name(owner) + "；暂无其他置业顾问空闲，客户排队等候下一位其他置业顾问（R-REC-9）", lodged);
            }
            return new Decision(new Seat(server, ServingRole.CHOSEN, null, owner, false, null), Ownership.UNCHANGED,
                    arrangement(v, Arrangement.Kind.COMPLAINT, server, owner, server, "R-ATT-6", lodged.id()), lodged, "R-ATT-6",
                    context + "客户投诉" + name(owner) + "并拒绝其接待：由" + name(server) + "接待，已告知销售主任及" + name(owner)
                            + "；主任落实前客户仍属" + name(owner) + "，期间成交按奖金" + name(server) + settings.splitRefusedOwner().first()
                            + "%/" + name(owner) + settings.splitRefusedOwner().second() + "%并报经理确认；落实后此客户与" + name(owner)
                            + "无关，归" + name(server) + "；回访不计轮值（R-REC-7）", null);
        }
        if (server == null) {
            return waiting(null, owner, false, null, "R-ATT-5", context + "客户不愿找" + name(owner)
                    + "；暂无其他置业顾问空闲，客户排队等候下一位其他置业顾问（R-REC-9）", null);
        }
        return new Decision(new Seat(server, ServingRole.CHOSEN, null, owner, false, null), Ownership.passesTo(server, "R-ATT-5"),
                arrangement(v, Arrangement.Kind.REFUSED_OWNER, server, owner, server, "R-ATT-5", null), null, "R-ATT-5",
                context + "客户不愿找" + name(owner) + "，要求" + name(server) + "接待：后续由" + name(server) + "负责，成交业绩属"
                        + name(server) + "，奖金" + name(server) + settings.splitRefusedOwner().first() + "%/" + name(owner)
                        + settings.splitRefusedOwner().second() + "%；回访不计轮值（R-REC-7）", null);
    }

    // ---------------------------------------------------------------- event mode (R-REC-8)

    /** R-REC-8: the rotation is suspended and the MANAGER assigns; a customer nobody is assigned to waits for the MANAGER. */
    private Decision eventMode(Visit v) {
        String assigned = v.said().assignedTo();
        boolean free = assigned != null && v.desk().free(assigned);
        String owner = v.protectedOwner() ? v.owner() : null;
        if (owner != null && turnsDown(v.said())) {
            if (owner.equals(assigned)) {
                throw ProblemException.conflict("turned-down-rep-assigned", "客户拒绝由" + name(owner) + "接待，请分配其他置业顾问 (R-ATT-5, R-ATT-6: "
                        + "the customer turned " + owner + " down; assign another rep)");
            }
            return turnDown(v, free ? assigned : null, "活动期间由经理分配：");
        }
        if (!free) {
            // a new customer waiting here is a new customer when the rotation resumes: whoever takes them uses a turn
            return waiting(owner, null, owner == null, null, "R-REC-8", "活动期间排序表暂停，客户等候经理分配"
                    + (assigned == null ? "" : "（" + name(assigned) + "现在不能接待）"), null);
        }
        if (owner == null) {
            return new Decision(Seat.serving(assigned, ServingRole.ASSIGNED, false), Ownership.passesTo(assigned, "R-REC-8"), null, null,
                    "R-REC-8", "活动期间排序表暂停，经理将客户分配给" + name(assigned) + "，客户归" + name(assigned), null);
        }
        if (assigned.equals(owner)) {
            return ownerServes(owner, "R-REC-8", "活动期间经理分配老客户给原置业顾问" + name(owner));
        }
        return helper(v, assigned, owner, "R-REC-8", "活动期间经理分配" + name(assigned) + "接待；客户仍属原置业顾问" + name(owner) + "，"
                + helperSplit(owner, assigned));
    }

    // ---------------------------------------------------------------- a new customer, or one whose claim expired (R-ATT-2)

    private Decision unowned(Visit v) {
        Statement said = v.said();
        Desk desk = v.desk();
        String up = desk.upRep();
        String expiredRep = v.claim() == null ? null : v.claim().rep();
        String household = linkHolder(v.household(), v.at());
        if (household != null) {
            // R-ATT-14: whoever received the first member owns the household, while that claim is valid; it wins over R-REC-6
            return designated(v, household, null, "R-ATT-14", "同一家庭成员：家庭中先来看房的客户由" + name(household) + "接待，本客户归"
                    + name(household));
        }
        String referrer = linkHolder(v.referrer(), v.at());
        if (referrer != null) {
            // R-ATT-13: brought by an existing customer whose claim is valid: that customer's original receiver
            return designated(v, referrer, null, "R-ATT-13", "老客户带来的新客户，归老客户的原始接待者" + name(referrer));
        }
        // a customer with an expired claim is received like a new one (R-ATT-2); otherwise a customer who says they
        // came before is a return visit, which never uses a turn (R-REC-7)
        boolean returning = expiredRep == null && (Boolean.FALSE.equals(said.firstVisit()) || !said.namedReps().isEmpty() || said.forgotRep());
        if (said.askedFor() != null) {
            // R-REC-6: asks for a named rep on entering: that rep's customer, outside the order table; it uses that rep's
            // turn in every case — they go to the back even when a helper receives, keeping an owed make-up turn
            String named = said.askedFor();
            String turn = settings.namedFirstVisitUsesTurn() && !returning ? named : null;
            return designated(v, named, turn, "R-REC-6", "首次来访客户进门即指定" + name(named) + "接待，为" + name(named)
                    + "的客户，不按排序表" + (turn != null ? "，计入" + name(named) + "的轮值（排到队尾，补接名额保留）" : "，回访不计轮值（R-REC-7）"));
        }
        if (!said.namedReps().isEmpty()) {
            // R-ATT-8: the first named who is on site and free receives and registers the customer
            String receiver = said.namedReps().stream().filter(desk::free).findFirst().orElse(null);
            if (receiver != null) {
                return new Decision(Seat.serving(receiver, ServingRole.NAMED, false), Ownership.passesTo(receiver, "R-ATT-8"), null, null,
                        "R-ATT-8", "客户说出多名置业顾问，由第一位在场且空闲的" + name(receiver) + "接待；系统中无其有效建档，由"
                        + name(receiver) + "登记（回访不计轮值，R-REC-7）", null);
            }
            if (up == null) {
                return waiting(null, null, true, null, "R-REC-9", "客户说出的置业顾问都不能接待，按排序表接待；暂无置业顾问空闲，"
                        + "客户排队等候排序表轮到的下一位", null);
            }
            // none of them on site and free: the rotation applies and it uses a turn (the customer asked for nobody)
            return receivedBy(up, "R-ATT-8", "客户说出的置业顾问都不在场或正忙，按排序表由" + name(up) + "接待，计入其轮值，客户归"
                    + name(up));
        }
        if (up == null) {
            return waiting(null, null, true, null, "R-REC-9", "暂无置业顾问可接待，客户在前台排队等候，按排序表轮到的下一位空闲者接待", null);
        }
        if (said.forgotRep() || Boolean.FALSE.equals(said.firstVisit())) {
            return receivedBy(up, "R-ATT-10", "客户表示曾来看过楼但记不清由谁接待：按排序表由" + name(up) + "接待，计入其轮值；之前的置业顾问与此无关，"
                    + "除非" + name(up) + "事后在档案中找到其有效建档（奖金" + settings.splitForgotten() + "）");
        }
        if (expiredRep != null) {
            return receivedBy(up, "R-ATT-2", "原置业顾问" + name(expiredRep) + "的建档已超过" + settings.protectionMonths()
                    + "个月有效期，与其无关：视同新客户，按排序表由" + name(up) + "接待，计入轮值，重新建档");
        }
        return receivedBy(up, "R-ATT-1", "新客户：按排序表由" + name(up) + "接待，计入轮值；首次登记者得客，客户归" + name(up));
    }

    /** R-ATT-13, R-ATT-14: the rep a link gives the newcomer to, or null when there is no link or its claim is not valid. */
    private String linkHolder(Customer linked, Instant at) {
        return linked == null ? null : linked.linkHolder(at, settings, zone).orElse(null);
    }

    /** The rotation's rep receives on their turn and owns the customer. */
    private Decision receivedBy(String up, String ruleId, String sentence) {
        return new Decision(Seat.serving(up, ServingRole.RECEIVER, true), Ownership.passesTo(up, ruleId), null, null, ruleId, sentence, null);
    }

    /**
     * The customer belongs to {@code holder}: they serve if free, else the up rep helps without a turn (R-ATT-7), else the
     * customer waits for them; {@code namedTurn} is the rep whose turn the visit uses whoever serves (R-REC-6).
     */
    private Decision designated(Visit v, String holder, String namedTurn, String ruleId, String sentence) {
        Desk desk = v.desk();
        if (desk.free(holder)) {
            return new Decision(new Seat(holder, ServingRole.NAMED, null, null, holder.equals(namedTurn), namedTurn),
                    Ownership.passesTo(holder, ruleId), null, null, ruleId, sentence, null);
        }
        String up = desk.upRep();
        if (up == null) {
            return waiting(holder, null, false, namedTurn, "R-REC-9", sentence + "；" + name(holder) + "现在不能接待，暂无置业顾问空闲，"
                    + "客户排队等候" + name(holder) + "或第一位空闲者", null);
        }
        return new Decision(new Seat(up, ServingRole.HELPER, holder, null, false, namedTurn), Ownership.passesTo(holder, ruleId),
                arrangement(v, Arrangement.Kind.HELPER, holder, up, holder, "R-ATT-7", null), null, ruleId,
                sentence + "；" + name(holder) + (desk.onSite(holder) ? "正忙" : "不在现场") + "，由" + name(up) + "协助接待，不计轮值（R-ATT-7）",
                null);
    }

    // ---------------------------------------------------------------- calls (R-REC-3)

    /** R-REC-3, R-ATT-1: a call is registered by the rep who took it; the first registration wins. */
    private Decision call(Customer known, Claim claim, boolean protectedOwner, String taker) {
        Seat seat = Seat.serving(taker, ServingRole.CALL, false);
        if (claim == null) {
            return new Decision(seat, Ownership.passesTo(taker, "R-ATT-1"), null, null, "R-ATT-1",
                    "来电登记：新客户由接听来电的" + name(taker) + "登记，首次登记者得客", null);
        }
        if (!protectedOwner) {
            return new Decision(seat, Ownership.passesTo(taker, "R-ATT-2"), null, null, "R-ATT-2", "原置业顾问" + name(claim.rep())
                    + "的建档已过有效期，与其无关：视同新客户，由接听来电的" + name(taker) + "重新建档", null);
        }
        return new Decision(seat, Ownership.UNCHANGED, null, null, "R-ATT-1", "老客户来电：以首次登记为准，仍属" + name(claim.rep())
                + "（电话跟进不延长建档有效期）", null);
    }

    // ---------------------------------------------------------------- the pieces

    private Decision ownerServes(String owner, String ruleId, String sentence) {
        return new Decision(Seat.serving(owner, ServingRole.OWNER, false), Ownership.renewed(), null, null, ruleId,
                sentence + "；回访不计轮值（R-REC-7）", null);
    }

    private Decision helper(Visit v, String helper, String owner, String ruleId, String sentence) {
        return new Decision(Seat.serving(helper, ServingRole.HELPER, false), Ownership.UNCHANGED,
                arrangement(v, Arrangement.Kind.HELPER, owner, helper, owner, "R-ATT-7", null), null, ruleId, sentence, null);
    }

    private static Decision waiting(String preferred, String notRep, boolean turn, String namedTurn, String ruleId, String sentence,
                                    Lodged complaint) {
        return new Decision(Seat.waiting(preferred, notRep, turn, namedTurn), Ownership.UNCHANGED, null, complaint, ruleId, sentence, null);
    }

    /**
     * The visit was already served by {@code served} (degraded mode, or a waiting customer the desk gave to another rep
     * than the rules'): the customer is never moved mid-service (R-ATT-3), credit follows the rules, and a rotation turn
     * the desk charged that the rules do not use is given back.
     */
    private Decision keepServer(Decision ideal, Customer known, String served, boolean turnUsed, String visitId, Instant at) {
        if (served.equals(ideal.server())) {
            return turnUsed && !ideal.usesTurn() ? ideal.withTurnGivenBackTo(served) : ideal;
        }
        String holder = ideal.newOwner() != null ? ideal.newOwner() : known == null ? null : known.owner().orElse(null);
        Arrangement arrangement = ideal.arrangement();
        String ruleId = ideal.ruleId();
        if (arrangement == null && holder != null && !holder.equals(served)) {
            arrangement = new Arrangement(visitId, Arrangement.Kind.HELPER, at, at == null ? null : LocalDate.ofInstant(at, zone),
                    holder, served, holder, "R-ATT-7", null, null);
            ruleId = ideal.role() == ServingRole.OWNER ? "R-ATT-7" : ruleId;
        }
        boolean ownerServes = served.equals(holder);
        Ownership ownership = new Ownership(ideal.newOwner(), ideal.ownership().rule(), ownerServes && ideal.newOwner() == null, false);
        return new Decision(new Seat(served, ownerServes ? ServingRole.OWNER : ServingRole.HELPER, ideal.preferredRep(), ideal.notRep(),
                false, ideal.namedTurnOf()), ownership, arrangement, ideal.complaint(), ruleId,
                ideal.rule() + "；客户已由" + name(served) + "接待，接待中不调换（R-ATT-3）" + (ownerServes ? "" : "，" + name(served)
                        + "为协助接待，不计轮值"), turnUsed ? served : null);
    }

    private Arrangement arrangement(Visit v, Arrangement.Kind kind, String holder, String other, String creditTo, String ruleId,
                                    String complaintId) {
        Instant at = v.at();
        return new Arrangement(v.id(), kind, at, at == null ? null : LocalDate.ofInstant(at, zone), holder, other, creditTo, ruleId,
                complaintId, null);
    }

    private String helperSplit(String owner, String helper) {
        return "成交业绩属" + name(owner) + "，当日成交奖金" + name(owner) + settings.splitHelperSameDay().first() + "%/"
                + name(helper) + settings.splitHelperSameDay().second() + "%，以后成交" + name(owner)
                + settings.splitHelperLater().first() + "%/" + name(helper) + settings.splitHelperLater().second() + "%";
    }

    /** In degraded mode the serving rep is the one the desk already gave the customer to: the desk's up rep. */
    private static Desk deskOf(AttributionRequest request) {
        if (request.alreadyServedBy() == null || request.alreadyServedBy().equals(request.desk().upRep())) {
            return request.desk();
        }
        return new Desk(request.alreadyServedBy(), request.desk().eventMode(), request.desk().reps(), request.desk().onDeck());
    }

    private String name(String userId) {
        return userId == null ? "（无）" : names.apply(userId);
    }
}
