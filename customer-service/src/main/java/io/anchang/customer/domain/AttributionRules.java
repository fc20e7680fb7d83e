package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.api.attribution.RepStatus;
import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.api.attribution.Statement;
import io.anchang.platform.site.PolicySettings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * The attribution rules of RULES.md (R-ATT, policy (五)) with the reception rules they meet
 * (R-REC-5..9), as one decision table: given the customer the phone identifies (or none), what
 * the customer said, the desk and the site's settings, who serves now, whether it uses a
 * rotation turn, who owns the customer after, and what the visit arranges about credit and
 * bonus. Principle (R-ATT-3): the customer's wish decides who serves now and no rule makes a
 * customer wait or be refused over ownership — a customer waits only when no rep can serve.
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

    /**
     * @param known     the customer the phone identifies, or null (R-CUS-3)
     * @param referrer  the existing customer who brought this one, or null (R-ATT-13)
     * @param household the household member who came first, or null (R-ATT-14)
     */
    public Decision decide(Customer known, Customer referrer, Customer household, AttributionRequest request) {
        Decision ideal = ideal(known, referrer, household, request);
        String served = request.alreadyServedBy();
        Decision decided = served == null || ideal.waiting() ? ideal
                : keepServer(ideal, known, served, request.turnAlreadyUsed(), request.visitId(), request.at());
        return claimExpired(known, request.at()) ? decided.asReceivedAsNew() : decided;
    }

    /** R-ATT-2: the customer has a claim standing that no longer protects. */
    private boolean claimExpired(Customer known, Instant at) {
        Claim claim = known == null ? null : known.currentClaim().orElse(null);
        return claim != null && !claim.validAt(at, settings, zone);
    }

    private Decision ideal(Customer known, Customer referrer, Customer household, AttributionRequest request) {
        Instant at = request.at();
        Statement said = request.statement();
        Desk desk = deskOf(request);
        Claim claim = known == null ? null : known.currentClaim().orElse(null);
        String owner = claim == null ? null : claim.rep();
        boolean protectedOwner = claim != null && claim.validAt(at, settings, zone);
        String up = desk.upRep();

        if (request.channel() == Channel.CALL) {
            return call(known, claim, protectedOwner, request.receivedBy());
        }
        if (desk.eventMode()) {
            return eventMode(said.assignedTo(), owner, protectedOwner, desk, at, request.visitId());
        }
        if (!protectedOwner) {
            return unowned(known, claim, referrer, household, said, desk, at, request.visitId());
        }
        // a known customer whose owner's claim is protected
        if (said.complaint() != null && !said.complaint().isBlank()) {
            String serving = otherThan(owner, desk);
            if (serving == null) {
                return waiting(null, false, "R-REC-9", "暂无其他置业顾问可接待投诉" + name(owner) + "的客户，客户在前台排队等候");
            }
            String complaintId = Customer.idOf("complaint", request.visitId());
            // R-ATT-6: A serves meanwhile and tells the SUPERVISOR and B; A owns the customer either way
            // (verified: A 100; rejected: R-ATT-5, A 80 / B 20)
            return new Decision(serving, ServingRole.CHOSEN, null, false, serving, "R-ATT-6",
                    arrangement(request.visitId(), Arrangement.Kind.COMPLAINT, at, serving, owner, serving, "R-ATT-6", complaintId),
                    false, "R-ATT-6", "客户投诉" + name(owner) + "并拒绝其接待：由" + name(serving) + "接待，已告知销售主任及"
                    + name(owner) + "；主任落实后此客户与" + name(owner) + "无关，未落实则按奖金" + name(serving)
                    + settings.splitRefusedOwner().first() + "%/" + name(owner) + settings.splitRefusedOwner().second() + "%分配",
                    complaintId, said.complaint().strip(), owner, null);
        }
        if (said.refusesOwner()) {
            String serving = otherThan(owner, desk);
            if (serving == null) {
                return waiting(null, false, "R-REC-9", "暂无其他置业顾问可接待，客户在前台排队等候");
            }
            return new Decision(serving, ServingRole.CHOSEN, null, false, serving, "R-ATT-5",
                    arrangement(request.visitId(), Arrangement.Kind.REFUSED_OWNER, at, serving, owner, serving, "R-ATT-5", null),
                    false, "R-ATT-5", "客户不愿找" + name(owner) + "，要求" + name(serving) + "接待：后续由" + name(serving)
                    + "负责，成交业绩属" + name(serving) + "，奖金" + name(serving) + settings.splitRefusedOwner().first() + "%/"
                    + name(owner) + settings.splitRefusedOwner().second() + "%", null, null, null, null);
        }
        String asked = said.askedFor();
        if (asked != null && !asked.equals(owner)) {
            if (said.seekingDiscount()) {
                // R-ATT-9: bargaining with another rep changes nothing: all to the owner
                String serving = desk.free(asked) ? asked : up;
                if (serving == null) {
                    return waiting(owner, false, "R-REC-9", "暂无置业顾问可接待，客户在前台排队等候");
                }
                return new Decision(serving, ServingRole.NAMED, null, false, null, null, null, false, "R-ATT-9",
                        "客户为争取更大折扣找" + name(asked) + "：业绩及奖金全部属原置业顾问" + name(owner), null, null, null, null);
            }
            // R-ATT-11: asked for by name on a later visit
            String serving = desk.free(asked) ? asked : up;
            if (serving == null) {
                return waiting(asked, false, "R-REC-9", "客户指定的" + name(asked) + "正忙，暂无置业顾问可接待，客户排队等候");
            }
            return new Decision(serving, asked.equals(serving) ? ServingRole.NAMED : ServingRole.HELPER, asked, false, asked,
                    "R-ATT-11", arrangement(request.visitId(), Arrangement.Kind.NAMED_LATER, at, asked, owner, null, "R-ATT-11", null),
                    false, "R-ATT-11", "客户再次来访指定" + name(asked) + "接待：后续由" + name(asked) + "负责，成交业绩奖金"
                    + name(asked) + settings.splitNamedLater().first() + "%/原置业顾问" + name(owner)
                    + settings.splitNamedLater().second() + "%" + (asked.equals(serving) ? "" : "；" + name(asked) + "正忙，由"
                    + name(serving) + "协助接待"), null, null, null, null);
        }
        if (!said.namedReps().isEmpty()) {
            // R-ATT-8: the first named who can serve receives, then credit as R-ATT-4..7 with the receiver as the serving rep
            String receiver = said.namedReps().stream().filter(desk::free).findFirst().orElse(up);
            if (owner.equals(receiver) || desk.free(owner)) {
                return ownerServes(owner, "R-ATT-8", "客户说出多名置业顾问：交回原置业顾问" + name(owner) + "接待，业绩属" + name(owner));
            }
            if (receiver == null) {
                return waiting(owner, false, "R-REC-9", "暂无置业顾问可接待，客户排队等候原置业顾问" + name(owner) + "或第一位空闲者");
            }
            return helper(receiver, owner, at, request.visitId(), "R-ATT-8", "客户说出多名置业顾问，由第一位在场的" + name(receiver)
                    + "接待；原置业顾问" + name(owner) + "不在场或正忙，" + name(receiver) + "协助接待，" + helperSplit(owner, receiver));
        }
        // R-ATT-4: back to the owner when on site and free; R-ATT-7: otherwise the up rep helps
        if (desk.free(owner)) {
            return ownerServes(owner, "R-ATT-4", "老客户，原置业顾问" + name(owner) + "在场且空闲，交回" + name(owner)
                    + "接待，成交业绩属" + name(owner));
        }
        if (up == null) {
            return waiting(owner, false, "R-REC-9", "原置业顾问" + name(owner) + "正忙，暂无其他置业顾问可接待，客户排队等候"
                    + name(owner) + "或第一位空闲者");
        }
        return helper(up, owner, at, request.visitId(), "R-ATT-7", "原置业顾问" + name(owner)
                + (desk.onSite(owner) ? "正在接待其他客户" : "不在现场") + "，由" + name(up) + "协助接待，不计入前台轮值；"
                + helperSplit(owner, up));
    }

    /** R-REC-3, R-ATT-1: a call is registered by the rep who took it; the first registration wins. */
    private Decision call(Customer known, Claim claim, boolean protectedOwner, String taker) {
        if (known == null) {
            return new Decision(taker, ServingRole.CALL, null, false, taker, "R-ATT-1", null, false, "R-ATT-1",
                    "来电登记：新客户由接听来电的" + name(taker) + "登记，首次登记者得客", null, null, null, null);
        }
        if (!protectedOwner) {
            return new Decision(taker, ServingRole.CALL, null, false, taker, "R-ATT-2", null, false, "R-ATT-2",
                    (claim == null ? "客户尚无有效建档" : "原置业顾问" + name(claim.rep()) + "的建档已过有效期，与其无关")
                            + "：视同新客户，由接听来电的" + name(taker) + "重新建档", null, null, null, null);
        }
        return new Decision(taker, ServingRole.CALL, null, false, null, null, null, false, "R-ATT-1",
                "老客户来电：以首次登记为准，仍属" + name(claim.rep()) + "（电话跟进不延长建档有效期）", null, null, null, null);
    }

    /** R-REC-8: in event mode the rotation is suspended and the MANAGER assigns. */
    private Decision eventMode(String assigned, String owner, boolean protectedOwner, Desk desk, Instant at, String visitId) {
        if (assigned == null) {
            return waiting(protectedOwner ? owner : null, false, "R-REC-8", "活动期间排序表暂停，客户等候经理分配");
        }
        if (protectedOwner && assigned.equals(owner)) {
            return ownerServes(owner, "R-REC-8", "活动期间经理分配老客户给原置业顾问" + name(owner));
        }
        if (protectedOwner) {
            return helper(assigned, owner, at, visitId, "R-REC-8", "活动期间经理分配" + name(assigned) + "接待；客户仍属原置业顾问"
                    + name(owner) + "，" + helperSplit(owner, assigned));
        }
        return new Decision(assigned, ServingRole.ASSIGNED, null, false, assigned, "R-REC-8", null, false, "R-REC-8",
                "活动期间排序表暂停，经理将客户分配给" + name(assigned) + "，客户归" + name(assigned), null, null, null, null);
    }

    /** A new customer, or one whose claim expired (R-ATT-2), is received like a new one. */
    private Decision unowned(Customer known, Claim expired, Customer referrer, Customer household, Statement said, Desk desk,
                             Instant at, String visitId) {
        String up = desk.upRep();
        if (household != null && household.owner().isPresent()) {
            // R-ATT-14: whoever received the first member owns the household; it wins over R-REC-6
            String holder = household.owner().get();
            return designated(holder, false, desk, at, visitId, "R-ATT-14", "同一家庭成员：家庭中先来看房的客户由"
                    + name(holder) + "接待，本客户归" + name(holder));
        }
        if (referrer != null && referrer.originalReceiver().isPresent()) {
            // R-ATT-13: brought by an existing customer: the original receiver (or who holds it now by R-ATT-6, R-ATT-15)
            String holder = referrer.originalReceiver().get();
            return designated(holder, false, desk, at, visitId, "R-ATT-13", "老客户带来的新客户，归老客户的原始接待者" + name(holder));
        }
        boolean returning = Boolean.FALSE.equals(said.firstVisit()) || !said.namedReps().isEmpty() || said.forgotRep();
        if (said.askedFor() != null) {
            // R-REC-6: asks for a named rep on entering: that rep's customer, outside the order table; it counts as their turn
            boolean turn = settings.namedFirstVisitUsesTurn() && !returning;
            return designated(said.askedFor(), turn, desk, at, visitId, "R-REC-6", "首次来访客户进门即指定" + name(said.askedFor())
                    + "接待，为" + name(said.askedFor()) + "的客户，不按排序表" + (turn ? "，计入其轮值" : "，回访不计轮值（R-REC-7）"));
        }
        if (!said.namedReps().isEmpty()) {
            // R-ATT-8 with no claim of record: the first named who can serve receives and registers the customer
            String receiver = said.namedReps().stream().filter(desk::free).findFirst().orElse(up);
            if (receiver == null) {
                return waiting(null, false, "R-REC-9", "暂无置业顾问可接待，客户在前台排队等候");
            }
            return new Decision(receiver, said.namedReps().contains(receiver) ? ServingRole.NAMED : ServingRole.RECEIVER, null,
                    false, receiver, "R-ATT-8", null, false, "R-ATT-8", "客户说出多名置业顾问，由第一位在场的" + name(receiver)
                    + "接待；系统中无其有效建档，由" + name(receiver) + "登记（回访不计轮值，R-REC-7）", null, null, null, null);
        }
        if (up == null) {
            return waiting(null, true, "R-REC-9", "暂无置业顾问可接待，客户在前台排队等候，按排序表轮到的下一位空闲者接待");
        }
        if (said.forgotRep() || Boolean.FALSE.equals(said.firstVisit())) {
            return new Decision(up, ServingRole.RECEIVER, null, true, up, "R-ATT-10", null, false, "R-ATT-10",
                    "客户表示曾来看过楼但记不清由谁接待：按排序表由" + name(up) + "接待，计入其轮值；之前的置业顾问与此无关，"
                            + "除非" + name(up) + "事后在档案中找到其有效建档（奖金" + settings.splitForgotten() + "）", null, null, null, null);
        }
        if (known != null) {
            return new Decision(up, ServingRole.RECEIVER, null, true, up, "R-ATT-2", null, false, "R-ATT-2",
                    "原置业顾问" + name(expired == null ? null : expired.rep()) + "的建档已超过" + settings.protectionMonths()
                            + "个月有效期，与其无关：视同新客户，按排序表由" + name(up) + "接待，计入轮值，重新建档", null, null, null, null);
        }
        return new Decision(up, ServingRole.RECEIVER, null, true, up, "R-ATT-1", null, false, "R-ATT-1",
                "新客户：按排序表由" + name(up) + "接待，计入轮值；首次登记者得客，客户归" + name(up), null, null, null, null);
    }

    /** The customer belongs to {@code holder}: they serve if free, else the up rep helps (R-ATT-7), else the customer waits. */
    private Decision designated(String holder, boolean turn, Desk desk, Instant at, String visitId, String ruleId, String sentence) {
        if (desk.free(holder)) {
            return new Decision(holder, ServingRole.NAMED, null, turn, holder, ruleId, null, false, ruleId, sentence,
                    null, null, null, null);
        }
        String up = desk.upRep();
        if (up == null) {
            return waiting(holder, false, "R-REC-9", sentence + "；" + name(holder) + "正忙，暂无置业顾问可接待，客户排队等候");
        }
        return new Decision(up, ServingRole.HELPER, holder, false, holder, ruleId,
                arrangement(visitId, Arrangement.Kind.HELPER, at, holder, up, holder, "R-ATT-7", null), false, ruleId,
                sentence + "；" + name(holder) + (desk.onSite(holder) ? "正忙" : "不在现场") + "，由" + name(up) + "协助接待，不计轮值（R-ATT-7）",
                null, null, null, null);
    }

    private Decision ownerServes(String owner, String ruleId, String sentence) {
        return new Decision(owner, ServingRole.OWNER, null, false, null, null, null, true, ruleId,
                sentence + "；回访不计轮值（R-REC-7）", null, null, null, null);
    }

    private Decision helper(String helper, String owner, Instant at, String visitId, String ruleId, String sentence) {
        return new Decision(helper, ServingRole.HELPER, owner, false, null, null,
                arrangement(visitId, Arrangement.Kind.HELPER, at, owner, helper, owner, "R-ATT-7", null), false, ruleId, sentence,
                null, null, null, null);
    }

    private Decision waiting(String preferred, boolean turn, String ruleId, String sentence) {
        return new Decision(null, ServingRole.WAITING, preferred, turn, null, null, null, false, ruleId, sentence,
                null, null, null, null);
    }

    /**
     * The visit was already served by {@code served} (degraded mode, or a waiting customer taken):
     * the customer is never moved mid-service (R-ATT-3), credit follows the rules, and a turn the
     * desk charged wrongly is given back.
     */
    private Decision keepServer(Decision ideal, Customer known, String served, boolean turnUsed, String visitId, Instant at) {
        if (served.equals(ideal.server())) {
            return turnUsed && !ideal.usesTurn() ? ideal.withTurnGivenBackTo(served) : ideal;
        }
        String holder = ideal.newOwner() != null ? ideal.newOwner() : known == null ? null : known.owner().orElse(null);
        Arrangement arrangement = ideal.arrangement();
        String ruleId = ideal.ruleId();
        if (arrangement == null && holder != null && !holder.equals(served)) {
            arrangement = arrangement(visitId, Arrangement.Kind.HELPER, at, holder, served, holder, "R-ATT-7", null);
            ruleId = ideal.role() == ServingRole.OWNER ? "R-ATT-7" : ruleId;
        }
        boolean ownerServes = served.equals(holder);
        return new Decision(served, ownerServes ? ServingRole.OWNER : ServingRole.HELPER, ideal.preferredRep(), false,
                ideal.newOwner(), ideal.ownerRule(), arrangement, ownerServes && ideal.newOwner() == null, ruleId,
                ideal.rule() + "；客户已由" + name(served) + "接待，接待中不调换（R-ATT-3）" + (ownerServes ? "" : "，"
                + name(served) + "为协助接待，不计轮值"), ideal.complaintId(), ideal.complaintText(), ideal.complaintAgainst(),
                turnUsed ? served : null);
    }

    private Arrangement arrangement(String visitId, Arrangement.Kind kind, Instant at, String holder, String other,
                                    String creditTo, String ruleId, String complaintId) {
        return new Arrangement(visitId, kind, at, at == null ? null : LocalDate.ofInstant(at, zone), holder, other, creditTo,
                ruleId, complaintId, null);
    }

    private String helperSplit(String owner, String helper) {
        return "成交业绩属" + name(owner) + "，当日成交奖金" + name(owner) + settings.splitHelperSameDay().first() + "%/"
                + name(helper) + settings.splitHelperSameDay().second() + "%，以后成交" + name(owner)
                + settings.splitHelperLater().first() + "%/" + name(helper) + settings.splitHelperLater().second() + "%";
    }

    /** The serving rep A when the customer turns the owner down: the up rep, or the first free rep who is not the owner. */
    private static String otherThan(String owner, Desk desk) {
        if (desk.upRep() != null && !desk.upRep().equals(owner)) {
            return desk.upRep();
        }
        return desk.reps().stream().filter(r -> r.status() == RepStatus.AVAILABLE && !r.userId().equals(owner))
                .map(Desk.DeskRep::userId).findFirst().orElse(null);
    }

    /** In degraded mode and for a waiting customer taken from the queue, the serving rep is the desk's up rep. */
    private static Desk deskOf(AttributionRequest request) {
        if (request.alreadyServedBy() == null || request.alreadyServedBy().equals(request.desk().upRep())) {
            return request.desk();
        }
        return new Desk(request.alreadyServedBy(), request.desk().eventMode(), request.desk().reps());
    }

    private String name(String userId) {
        return userId == null ? "（无）" : names.apply(userId);
    }
}
