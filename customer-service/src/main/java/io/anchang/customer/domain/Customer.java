package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.api.attribution.Share;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.PolicySettings;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A customer of one site (R-CUS-2, R-CUS-3): a site-unique archive number, the phones that
 * identify them, and who they belong to — the claims (at most one standing at a time), the
 * arrangements visits made about credit and bonus, the visits the rules were applied to (once
 * each), complaints, follow-ups, disputes and the credit deals took. Two records found to be one
 * person are merged into the one registered earliest (R-CUS-3): the other is first marked, then
 * folded in, then left as a tombstone that points to the survivor.
 *
 * @param source       VISIT, CALL, REFERRAL (R-CUS-2)
 * @param referredBy   the customer who brought this one (R-ATT-13)
 * @param householdOf  the customer whose household this one belongs to (R-ATT-14)
 * @param merge        null for a record that stands on its own; else the merge into another record
 * @param absorbed     the records merged into this one
 */
public record Customer(String id, String siteId, String archiveNo, String name, List<String> phones, String source,
                       Instant registeredAt, String registeredBy, String referredBy, String householdOf,
                       List<Claim> claims, List<Arrangement> arrangements, List<VisitRecord> visits,
                       List<Complaint> complaints, List<FollowUp> followUps, List<Dispute> disputes,
                       List<DealCredit> deals, Merge merge, List<Absorbed> absorbed) {

    public Customer {
        phones = List.copyOf(phones);
        claims = copy(claims);
        arrangements = copy(arrangements);
        visits = copy(visits);
        complaints = copy(complaints);
        followUps = copy(followUps);
        disputes = copy(disputes);
        deals = copy(deals);
        absorbed = copy(absorbed);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** R-CUS-2: a customer enters the archive, by the visit or call that first registered them (R-ATT-1). */
    public static Customer register(String id, String siteId, String archiveNo, String e164, String name, String source,
                                    Instant at, String by, String referredBy, String householdOf) {
        return new Customer(id, siteId, archiveNo, name, List.of(e164), source, at, by, referredBy, householdOf,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, List.of());
    }

    // ------------------------------------------------------------------ one person, several records (R-CUS-3)

    /** A record that stands on its own: not being merged, not merged away. */
    public boolean active() {
        return merge == null;
    }

    /** Marked to be merged into another record and not folded in yet: frozen until the merge completes. */
    public boolean beingMerged() {
        return merge != null && !merge.complete();
    }

    /** The record this one was merged into, if it is a tombstone. */
    public Optional<String> mergedInto() {
        return merge != null && merge.complete() ? Optional.of(merge.into()) : Optional.empty();
    }

    /** Whether the merge {@code mergeId} has been folded into this record. */
    public boolean hasAbsorbed(String mergeId) {
        return mergeId != null && absorbed.stream().anyMatch(a -> a.mergeId().equals(mergeId));
    }

    /** R-CUS-3: of two records of one person the one registered earliest survives; at the same moment, the lower archive number. */
    public static Customer earliest(Customer a, Customer b) {
        Comparator<Customer> order = Comparator.comparing(Customer::registeredAt).thenComparing(Customer::archiveNo)
                .thenComparing(Customer::id);
        return order.compare(a, b) <= 0 ? a : b;
    }

    /** R-CUS-3: a customer may have several phones (E.164); one it has already changes nothing. */
    public Customer withPhone(String e164) {
        if (phones.contains(e164)) {
            return this;
        }
        List<String> more = new ArrayList<>(phones);
        more.add(e164);
        return new Customer(id, siteId, archiveNo, name, more, source, registeredAt, registeredBy, referredBy, householdOf,
                claims, arrangements, visits, complaints, followUps, disputes, deals, merge, absorbed);
    }

    /** Merge step 1: this record is marked to be merged into {@code survivorId} and frozen until it is folded in. */
    public Customer markedForMerge(String mergeId, String survivorId, String by, Instant at, String reason) {
        if (merge != null) {
            if (merge.id().equals(mergeId)) {
                return this;
            }
            throw new IllegalStateException(id + " is being merged, or was merged, into " + merge.into() + " already");
        }
        return withMerge(new Merge(mergeId, survivorId, by, at, reason, false));
    }

    /** The record this one was to be merged into has itself been merged into {@code survivorId}: fold into that one instead. */
    public Customer mergingInto(String survivorId) {
        if (!beingMerged()) {
            throw new IllegalStateException(id + " is not being merged");
        }
        return merge.into().equals(survivorId) ? this : withMerge(merge.redirectedTo(survivorId));
    }

    /**
     * Merge step 2, on the survivor: folds in {@code other}, marked to be merged into this record;
     * folding the same merge again changes nothing. Who owns the customer after it: see {@link MergeFold}.
     *
     * @param settings the site's settings in force at a moment (R-ATT-2 protection)
     */
    public Customer absorb(Customer other, Function<Instant, PolicySettings> settings, ZoneId zone, Function<String, String> names) {
        return MergeFold.fold(this, other, settings, zone, names);
    }

    /**
     * Merge step 3, once the survivor holds everything: this record becomes a tombstone — its
     * archive number, registration and phones for the record, no claims or history of its own,
     * pointing to the survivor.
     */
    public Customer mergedAway() {
        if (merge == null) {
            throw new IllegalStateException(id + " is not being merged");
        }
        if (merge.complete()) {
            return this;
        }
        return new Customer(id, siteId, archiveNo, name, phones, source, registeredAt, registeredBy, referredBy, householdOf,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), merge.completed(), List.of());
    }

    private Customer withMerge(Merge next) {
        return new Customer(id, siteId, archiveNo, name, phones, source, registeredAt, registeredBy, referredBy, householdOf,
                claims, arrangements, visits, complaints, followUps, disputes, deals, next, absorbed);
    }

    // ------------------------------------------------------------------ reading

    /** The claim standing now: exactly one owner at a time, or none. */
    public Optional<Claim> currentClaim() {
        return claims.stream().filter(c -> !c.ended()).reduce((a, b) -> b);
    }

    public Optional<String> owner() {
        return currentClaim().map(Claim::rep);
    }

    public Optional<Claim> claimStandingAt(Instant at) {
        return claims.stream().filter(c -> c.standsAt(at)).reduce((a, b) -> b);
    }

    public Optional<VisitRecord> visit(String visitId) {
        return visits.stream().filter(v -> v.visitId().equals(visitId)).findFirst();
    }

    /** Who holds the credit now (R-ATT-12): the owner of record. */
    public Optional<String> creditHolder() {
        return owner();
    }

    /**
     * R-ATT-13: the existing customer's original receiver, or — if that claim has since passed by
     * a verified complaint (R-ATT-6) or a redistribution (R-ATT-15) — the rep who holds it now.
     */
    public Optional<String> originalReceiver() {
        String receiver = null;
        for (Claim claim : claims) {
            if (receiver == null || "R-ATT-6".equals(claim.ruleId()) || "R-ATT-15".equals(claim.ruleId())) {
                receiver = claim.rep();
            }
        }
        return Optional.ofNullable(receiver);
    }

    public Optional<Complaint> complaint(String complaintId) {
        return complaints.stream().filter(c -> c.id().equals(complaintId)).findFirst();
    }

    public Optional<Dispute> dispute(String disputeId) {
        return disputes.stream().filter(d -> d.id().equals(disputeId)).findFirst();
    }

    public Optional<DealCredit> deal(String dealId) {
        return deals.stream().filter(d -> d.dealId().equals(dealId)).findFirst();
    }

    // ------------------------------------------------------------------ changing

    /** Applies a decision of the rules to this customer, and keeps the visit so it is applied once. */
    public Customer apply(Decision decision, String visitId, Channel channel, Instant at, ZoneId zone,
                          io.anchang.platform.api.attribution.Statement statement) {
        if (visit(visitId).filter(v -> !v.waiting()).isPresent()) {
            return this;
        }
        Customer next = this;
        if (!decision.waiting()) {
            String previousOwner = owner().orElse(null);
            // R-ATT-2: received like a new one after the claim expired, the receiver's claim starts afresh, even the same rep's
            if (decision.newOwner() != null && (!decision.newOwner().equals(previousOwner) || decision.receivedAsNew())) {
                next = next.passedTo(decision.newOwner(), at, decision.ownerRule(), visitId);
            }
            if (decision.renewOwner()) {
                next = next.withCurrentClaim(c -> c.renewed(at, Claim.Renewal.Kind.VISIT, visitId));
            }
            if (decision.arrangement() != null) {
                next = next.withArrangement(decision.arrangement());
            }
            if (decision.complaintText() != null) {
                List<Complaint> complaints = new ArrayList<>(next.complaints());
                complaints.add(new Complaint(decision.complaintId(), visitId, decision.complaintAgainst(), decision.server(),
                        decision.complaintText(), at, "PENDING", null, null, null));
                next = next.with(complaints, next.followUps(), next.disputes(), next.deals());
            }
        }
        String previousOwner = owner().orElse(null);
        VisitRecord record = new VisitRecord(visitId, channel, at, decision.server(), decision.role(), decision.preferredRep(),
                decision.usesTurn(), decision.ruleId(), decision.rule(), previousOwner, decision.complaintId(),
                decision.turnGivenBackTo(), statement);
        List<VisitRecord> visits = new ArrayList<>(next.visits().stream().filter(v -> !v.visitId().equals(visitId)).toList());
        visits.add(record);
        return new Customer(id, siteId, archiveNo, name, phones, source, registeredAt, registeredBy, referredBy, householdOf,
                next.claims(), next.arrangements(), visits, next.complaints(), next.followUps(), next.disputes(), next.deals(), merge, absorbed);
    }

    /**
     * The desk could not give the visit to the rep the rules proposed and gave it to {@code rep},
     * the first free (R-REC-9): the customer is not moved (R-ATT-3); {@code rep} helps without a turn.
     */
    public Customer servedInstead(String visitId, String rep, Instant at, ZoneId zone, UnaryOperator<String> sentence) {
        VisitRecord visit = visit(visitId).orElseThrow();
        if (rep.equals(visit.server()) || visit.waiting()) {
            return this;
        }
        Customer next = this;
        String holder = owner().orElse(null);
        List<Arrangement> arrangements = new ArrayList<>(arrangements().stream().filter(a -> !visitId.equals(a.visitId())
                || a.kind() != Arrangement.Kind.HELPER).toList());
        if (visit.role() == ServingRole.OWNER) {
            next = next.withCurrentClaim(c -> c.withoutRenewal(visitId));
        }
        boolean ownArrangement = arrangements.stream().anyMatch(a -> visitId.equals(a.visitId()));
        if (holder != null && !holder.equals(rep) && !ownArrangement) {
            arrangements.add(new Arrangement(visitId, Arrangement.Kind.HELPER, at, LocalDate.ofInstant(at, zone), holder, rep,
                    holder, "R-ATT-7", null, null));
        }
        boolean ownerServes = rep.equals(holder);
        if (ownerServes) {
            next = next.withCurrentClaim(c -> c.renewed(at, Claim.Renewal.Kind.VISIT, visitId));
        }
        next = new Customer(id, siteId, archiveNo, name, phones, source, registeredAt, registeredBy, referredBy, householdOf,
                next.claims(), arrangements, next.visits(), complaints, followUps, disputes, deals, merge, absorbed);
        VisitRecord changed = new VisitRecord(visitId, visit.channel(), visit.at(), rep,
                ownerServes ? ServingRole.OWNER : ServingRole.HELPER, visit.preferredRep(), false,
                ownerServes ? "R-ATT-4" : "R-ATT-7", sentence.apply(rep), visit.previousOwner(), visit.complaintId(),
                visit.turnGivenBackTo(), visit.statement());
        return next.replacingVisit(changed);
    }

    /** The claim passes to {@code rep} (the standing one ends): one owner at a time. */
    public Customer passedTo(String rep, Instant at, String rule, String visitId) {
        List<Claim> next = new ArrayList<>();
        for (Claim claim : claims) {
            next.add(claim.ended() ? claim : claim.endedAt(at, rule));
        }
        next.add(Claim.start(rep, at, rule, visitId));
        return withClaims(next);
    }

    /** R-ATT-6 verified: {@code rep} loses every claim on this customer. */
    public Customer forfeitedBy(String rep, Instant at) {
        return withClaims(claims.stream().map(c -> c.rep().equals(rep) && !c.ended() ? c.endedAt(at, "R-ATT-6") : c).toList());
    }

    public Customer withCurrentClaim(UnaryOperator<Claim> change) {
        Optional<Claim> current = currentClaim();
        if (current.isEmpty()) {
            return this;
        }
        List<Claim> next = new ArrayList<>(claims);
        next.set(next.lastIndexOf(current.get()), change.apply(current.get()));
        return withClaims(next);
    }

    public Customer withArrangement(Arrangement arrangement) {
        List<Arrangement> next = new ArrayList<>(arrangements);
        next.add(arrangement);
        return new Customer(id, siteId, archiveNo, name, phones, source, registeredAt, registeredBy, referredBy, householdOf,
                claims, next, visits, complaints, followUps, disputes, deals, merge, absorbed);
    }

    public Customer withoutArrangements(java.util.function.Predicate<Arrangement> which) {
        return new Customer(id, siteId, archiveNo, name, phones, source, registeredAt, registeredBy, referredBy, householdOf,
                claims, arrangements.stream().filter(which.negate()).toList(), visits, complaints, followUps, disputes, deals, merge, absorbed);
    }

    public Customer replacingVisit(VisitRecord visit) {
        return new Customer(id, siteId, archiveNo, name, phones, source, registeredAt, registeredBy, referredBy, householdOf,
                claims, arrangements, visits.stream().map(v -> v.visitId().equals(visit.visitId()) ? visit : v).toList(),
                complaints, followUps, disputes, deals, merge, absorbed);
    }

    /**
     * R-ATT-6: the SUPERVISOR checks the complaint. Verified: the owner complained about loses
     * every claim and the serving rep owns the customer with credit and bonus 100. Rejected:
     * R-ATT-5's split stands.
     */
    public Customer complaintChecked(String complaintId, boolean verified, String by, Instant at, String note) {
        Complaint complaint = complaint(complaintId).orElseThrow(() -> ProblemException.notFound("complaint-unknown",
                "没有这条投诉 (No complaint " + complaintId + ")"));
        if (!complaint.pending()) {
            throw ProblemException.conflict("complaint-checked", "这条投诉已于 " + complaint.checkedAt() + " 由 "
                    + complaint.checkedBy() + " 落实 (This complaint was checked already)");
        }
        Customer next = this;
        List<Arrangement> arrangements = new ArrayList<>();
        for (Arrangement a : next.arrangements()) {
            if (complaintId.equals(a.complaintId())) {
                if (!verified) {
                    arrangements.add(new Arrangement(a.visitId(), Arrangement.Kind.REFUSED_OWNER, a.at(), a.day(), a.holder(),
                            a.other(), a.creditTo(), "R-ATT-5", a.complaintId(), a.shares()));
                }
            } else {
                arrangements.add(a);
            }
        }
        next = new Customer(id, siteId, archiveNo, name, phones, source, registeredAt, registeredBy, referredBy, householdOf,
                next.claims(), arrangements, visits,
                complaints.stream().map(c -> c.id().equals(complaintId) ? c.checked(verified, by, at, note) : c).toList(),
                followUps, disputes, deals, merge, absorbed);
        if (verified) {
            next = next.forfeitedBy(complaint.against(), at);
            if (next.currentClaim().isEmpty()) {
                // the owner complained about had won the customer back meanwhile: it passes to the serving rep
                next = next.passedTo(complaint.lodgedBy(), at, "R-ATT-6", complaint.visitId());
            }
            // the serving rep's claim now stands by R-ATT-6
            next = next.withCurrentClaim(c -> c.rep().equals(complaint.lodgedBy())
                    ? new Claim(c.rep(), c.since(), "R-ATT-6", c.visitId(), c.renewals(), c.endedAt(), c.endedRule()) : c);
        }
        return next;
    }

    /** R-ATT-12: follow-up belongs to the rep who holds the credit. */
    public Customer followedUp(String rep, Instant at, String method, String note) {
        String holder = creditHolder().orElse(null);
        if (!rep.equals(holder)) {
            throw ProblemException.forbidden("not-credit-holder", "客户的后续跟进属于业绩所属的置业顾问"
                    + (holder == null ? "（目前无人）" : " " + holder) + " (R-ATT-12: follow-up belongs to the rep who holds the credit)");
        }
        List<FollowUp> next = new ArrayList<>(followUps);
        next.add(new FollowUp(followUps.size() + 1, rep, at, method, note, null, null));
        return with(complaints, next, disputes, deals);
    }

    /** A SUPERVISOR checked a follow-up; under {@code CHECKED_FOLLOW_UP} it renews the claim (R-ATT-2). */
    public Customer followUpChecked(int number, String by, Instant at) {
        FollowUp followUp = followUps.stream().filter(f -> f.number() == number).findFirst()
                .orElseThrow(() -> ProblemException.notFound("follow-up-unknown", "没有第 " + number + " 次跟进记录 (No follow-up " + number + ")"));
        if (followUp.checkedBy() != null) {
            return this;
        }
        Customer next = with(complaints, followUps.stream().map(f -> f.number() == number ? f.checked(by, at) : f).toList(),
                disputes, deals);
        return next.withCurrentClaim(c -> c.rep().equals(followUp.rep())
                ? c.renewed(at, Claim.Renewal.Kind.CHECKED_FOLLOW_UP, "follow-up:" + number) : c);
    }

    /** R-ATT-16: a rep brings a dispute over this customer. */
    public Customer disputeOpened(String disputeId, List<String> parties, String by, Instant at, String reason) {
        if (disputes.stream().anyMatch(d -> d.id().equals(disputeId))) {
            return this;
        }
        List<Dispute> next = new ArrayList<>(disputes);
        next.add(new Dispute(disputeId, parties, by, at, reason, null, null, List.of(), null, null, null));
        return with(complaints, followUps, next, deals);
    }

    /**
     * R-ATT-16: the dispute is settled, with its reason: the reps agreed (AMICABLE) or the MANAGER
     * ruled (RULED) on the owner and the shares; or the reps quarrelled and the credit and bonus go
     * to the department (DEPARTMENT).
     */
    public Customer disputeRuled(String disputeId, String outcome, String ownerRep, List<Share> shares, String reason,
                                 String by, Instant at, ZoneId zone) {
        Dispute dispute = dispute(disputeId).orElseThrow(() -> ProblemException.notFound("dispute-unknown",
                "没有这条纠纷 (No dispute " + disputeId + ")"));
        if (!dispute.open()) {
            throw ProblemException.conflict("dispute-ruled", "这条纠纷已于 " + dispute.ruledAt() + " 裁定 (This dispute was ruled already)");
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("ruling-reason-missing", "裁定须写明理由 (R-ATT-16: every ruling is recorded with its reason)");
        }
        List<Share> ruled = "DEPARTMENT".equals(outcome) ? List.of(Credit.whole(Credit.DEPARTMENT)) : shares;
        checkShares(ruled);
        Customer next = this;
        if (ownerRep != null && !"DEPARTMENT".equals(outcome) && !ownerRep.equals(owner().orElse(null))) {
            next = next.passedTo(ownerRep, at, "R-ATT-16", null);
        }
        next = next.withArrangement(new Arrangement("ruling:" + disputeId, Arrangement.Kind.RULING, at, LocalDate.ofInstant(at, zone),
                ownerRep, null, ownerRep, "R-ATT-16", null, ruled));
        Dispute settled = new Dispute(dispute.id(), dispute.parties(), dispute.openedBy(), dispute.openedAt(), dispute.reason(),
                outcome, "DEPARTMENT".equals(outcome) ? Credit.DEPARTMENT : ownerRep, ruled, reason, by, at);
        return next.with(complaints, followUps, disputes.stream().map(d -> d.id().equals(disputeId) ? settled : d).toList(), deals);
    }

    static void checkShares(List<Share> shares) {
        int bonus = shares.stream().mapToInt(Share::bonusPercent).sum();
        BigDecimal credit = shares.stream().map(Share::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (shares.isEmpty() || bonus != 100 || credit.compareTo(BigDecimal.ONE) != 0
                || shares.stream().anyMatch(s -> s.bonusPercent() < 0 || s.credit().signum() < 0)) {
            throw ProblemException.invalid("shares-invalid", "分配须为业绩合计 1 套、奖金合计 100% (Credit must sum to 1 and bonus to 100, not "
                    + credit.stripTrailingZeros().toPlainString() + " and " + bonus + ")");
        }
    }

    /** R-ATT-15: the draw gave this customer to {@code rep}, if it still belongs to {@code fromRep}. */
    public Customer redistributed(String fromRep, String rep, Instant at) {
        if (!fromRep.equals(owner().orElse(null))) {
            return this;
        }
        return passedTo(rep, at, "R-ATT-15", null);
    }

    /** R-ATT-17: a deal took its credit; once per deal. */
    public Customer withDeal(DealCredit deal) {
        if (deal(deal.dealId()).isPresent()) {
            return this;
        }
        List<DealCredit> next = new ArrayList<>(deals);
        next.add(deal);
        return with(complaints, followUps, disputes, next);
    }

    /** R-ATT-17: the deal's credit became final or was reversed; this customer unchanged when that changes nothing. */
    public Customer withDealSettled(String dealId, String status) {
        Optional<DealCredit> next = deal(dealId).flatMap(d -> d.settled(status));
        if (next.isEmpty()) {
            return this;
        }
        List<DealCredit> settled = deals.stream().map(d -> d.dealId().equals(dealId) ? next.get() : d).toList();
        return with(complaints, followUps, disputes, settled);
    }

    private Customer withClaims(List<Claim> next) {
        return new Customer(id, siteId, archiveNo, name, phones, source, registeredAt, registeredBy, referredBy, householdOf,
                next, arrangements, visits, complaints, followUps, disputes, deals, merge, absorbed);
    }

    private Customer with(List<Complaint> complaints, List<FollowUp> followUps, List<Dispute> disputes, List<DealCredit> deals) {
        return new Customer(id, siteId, archiveNo, name, phones, source, registeredAt, registeredBy, referredBy, householdOf,
                claims, arrangements, visits, complaints, followUps, disputes, deals, merge, absorbed);
    }

    /** Ids made from what they belong to, so that a retry makes the same one. */
    public static String idOf(String kind, String of) {
        return UUID.nameUUIDFromBytes((kind + ":" + of).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** Whether the claims are as the rulebook wants them: at most one standing (one owner at a time). */
    public boolean oneOwnerAtMost() {
        return claims.stream().filter(c -> !c.ended()).count() <= 1;
    }

}
