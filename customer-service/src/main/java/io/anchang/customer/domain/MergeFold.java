package io.anchang.customer.domain;

import io.anchang.platform.api.attribution.Channel;
import io.anchang.platform.site.PolicySettings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * R-CUS-3: two records of one person folded into the one registered earliest. The survivor keeps
 * its registration (archive number, time, registering rep, source) and gets both records' phones,
 * visits, claims, complaints, follow-ups (numbered again in time order), disputes and deal credits,
 * in time order; a deal of each record is kept, both are real sales.
 *
 * <p>Who owns the customer afterwards — the rules applied to the combined history at the moment the
 * later of the two standing claims began, as if the records had been one then:
 * <ul>
 *   <li>At most one record has a standing claim: it stands.</li>
 *   <li>The earlier claim had expired when the later began (R-ATT-2: the customer was then received
 *       like a new one and the receiver's claim started afresh): the later claim stands; the earlier
 *       one ends at that moment, by R-ATT-2.</li>
 *   <li>Both claims are the same rep's: one claim, from the earlier start, renewed by both records'
 *       renewals and by the later record's registration if that rep received the customer in person
 *       (R-ATT-2 counts protection from the owner's last visit).</li>
 *   <li>Two reps, the earlier claim still protected when the later began: the rulebook has no rule
 *       for a customer who was not identified at registration because they gave another phone.
 *       First registration wins (R-ATT-1), so the earlier claim stands and takes the credit meanwhile;
 *       but the later rep received the customer in good faith, much as in R-ATT-10, where the reps
 *       agree, or else the MANAGER decides, who follows up, and the bonus is shared 50/50. So the later
 *       claim is not dropped silently: it ends by R-CUS-3 and a dispute naming both reps is opened
 *       for the MANAGER to rule (R-ATT-16), who may give the customer and the shares to either.</li>
 * </ul>
 * The arrangements (helper, refused owner, …) that the record whose claim does not stand had made
 * while the standing claim ran are set aside with the merge: they arranged shares of a claim that
 * no longer stands, and would otherwise propose the standing owner's shares (R-ATT-17).
 */
final class MergeFold {

    private final Customer survivor;
    private final Customer absorbed;
    private final Merge merge;
    private final Function<Instant, PolicySettings> settings;
    private final ZoneId zone;
    private final Function<String, String> names;

    private MergeFold(Customer survivor, Customer absorbed, Function<Instant, PolicySettings> settings, ZoneId zone,
                      Function<String, String> names) {
        if (!survivor.siteId().equals(absorbed.siteId())) {
            throw new IllegalArgumentException("records of two sites are two customers (R-CUS-3): " + survivor.id() + ", " + absorbed.id());
        }
        if (Customer.earliest(survivor, absorbed) != survivor) {
            throw new IllegalArgumentException(survivor.id() + " was registered after " + absorbed.id() + ": the earliest survives");
        }
        if (!absorbed.beingMerged() || !absorbed.merge().into().equals(survivor.id()) || !survivor.active()) {
            throw new IllegalStateException(absorbed.id() + " is not being merged into the active record " + survivor.id());
        }
        this.survivor = survivor;
        this.absorbed = absorbed;
        this.merge = absorbed.merge();
        this.settings = settings;
        this.zone = zone;
        this.names = names;
    }

    static Customer fold(Customer survivor, Customer absorbed, Function<Instant, PolicySettings> settings, ZoneId zone,
                         Function<String, String> names) {
        if (survivor.hasAbsorbed(absorbed.merge() == null ? null : absorbed.merge().id())) {
            return survivor;
        }
        return new MergeFold(survivor, absorbed, settings, zone, names).result();
    }

    private Customer result() {
        List<FollowUp> followUps = new ArrayList<>();
        Map<Integer, Integer> survivorNumbers = new HashMap<>();
        Map<Integer, Integer> absorbedNumbers = new HashMap<>();
        renumberFollowUps(followUps, survivorNumbers, absorbedNumbers);

        Owners owners = owners(renumbered(survivor.claims(), survivorNumbers), renumbered(absorbed.claims(), absorbedNumbers));
        List<Arrangement> kept = new ArrayList<>();
        List<Arrangement> setAside = new ArrayList<>();
        sortArrangements(survivor, owners, kept, setAside);
        sortArrangements(absorbed, owners, kept, setAside);
        kept.sort(Comparator.comparing(Arrangement::at));

        List<Dispute> disputes = union(survivor.disputes(), absorbed.disputes(), Dispute::id, Dispute::openedAt);
        if (owners.dispute() != null) {
            disputes.add(owners.dispute());
        }
        List<Absorbed> history = new ArrayList<>(survivor.absorbed());
        history.addAll(absorbed.absorbed());
        history.add(new Absorbed(merge.id(), absorbed.id(), absorbed.archiveNo(), absorbed.name(), absorbed.registeredAt(),
                absorbed.registeredBy(), absorbed.source(), merge.by(), merge.at(), merge.reason(),
                owners.dispute() == null ? null : owners.dispute().id(), setAside));
        List<String> phones = List.copyOf(new LinkedHashSet<>(concat(survivor.phones(), absorbed.phones())));
        String name = survivor.name() != null && !survivor.name().isBlank() ? survivor.name() : absorbed.name();
        return new Customer(survivor.id(), survivor.siteId(), survivor.archiveNo(), name, phones, survivor.source(),
                survivor.registeredAt(), survivor.registeredBy(), other(survivor.referredBy(), absorbed.referredBy()),
                other(survivor.householdOf(), absorbed.householdOf()), owners.claims(), kept,
                union(survivor.visits(), absorbed.visits(), VisitRecord::visitId, VisitRecord::at),
                union(survivor.complaints(), absorbed.complaints(), Complaint::id, Complaint::at), followUps, disputes,
                union(survivor.deals(), absorbed.deals(), DealCredit::dealId, DealCredit::validAt), null, history);
    }

    /** The claims of both, in time order, with at most one standing: see the class comment. */
    private Owners owners(List<Claim> ofSurvivor, List<Claim> ofAbsorbed) {
        int s = standing(ofSurvivor);
        int a = standing(ofAbsorbed);
        List<Claim> survivorClaims = new ArrayList<>(ofSurvivor);
        List<Claim> absorbedClaims = new ArrayList<>(ofAbsorbed);
        Claim winner;
        Customer loser;
        Dispute dispute = null;
        if (s < 0 || a < 0) {
            winner = s >= 0 ? ofSurvivor.get(s) : a >= 0 ? ofAbsorbed.get(a) : null;
            loser = winner == null ? null : s >= 0 ? absorbed : survivor;
        } else {
            boolean survivorFirst = !ofAbsorbed.get(a).since().isBefore(ofSurvivor.get(s).since());
            List<Claim> earlyList = survivorFirst ? survivorClaims : absorbedClaims;
            List<Claim> lateList = survivorFirst ? absorbedClaims : survivorClaims;
            int e = survivorFirst ? s : a;
            int l = survivorFirst ? a : s;
            Claim early = earlyList.get(e);
            Claim late = lateList.get(l);
            Customer earlyRecord = survivorFirst ? survivor : absorbed;
            Customer lateRecord = survivorFirst ? absorbed : survivor;
            if (!early.validAt(late.since(), settings.apply(late.since()), zone)) {
                // R-ATT-2: expired when the later claim began, the customer was new again then
                earlyList.set(e, early.endedAt(late.since(), "R-ATT-2"));
                winner = late;
                loser = earlyRecord;
            } else if (early.rep().equals(late.rep())) {
                winner = renewedBy(early, late, lateRecord);
                earlyList.set(e, winner);
                lateList.set(l, late.endedAt(merge.at(), "R-CUS-3"));
                loser = null;
            } else {
                // R-ATT-1 first registration wins meanwhile; R-ATT-16 the MANAGER rules
                lateList.set(l, late.endedAt(merge.at(), "R-CUS-3"));
                winner = early;
                loser = lateRecord;
                dispute = dispute(early, late);
            }
        }
        List<Claim> claims = concat(survivorClaims, absorbedClaims);
        claims.sort(Comparator.comparing(Claim::since));
        return new Owners(claims, winner, loser, dispute);
    }

    /** The claims after the merge, the one that stands, the record whose claim does not, and a dispute if the rules cannot say. */
    private record Owners(List<Claim> claims, Claim winner, Customer loser, Dispute dispute) {
    }

    /** The same rep's two claims as one: protection counts from the later of both records' renewals (R-ATT-2). */
    private static Claim renewedBy(Claim early, Claim late, Customer lateRecord) {
        List<Claim.Renewal> renewals = concat(early.renewals(), late.renewals());
        boolean inPerson = late.visitId() != null && lateRecord.visit(late.visitId())
                .filter(v -> v.channel() == Channel.VISIT && late.rep().equals(v.server())).isPresent();
        if (inPerson) {
            renewals.add(new Claim.Renewal(late.since(), Claim.Renewal.Kind.VISIT, late.visitId()));
        }
        renewals.sort(Comparator.comparing(Claim.Renewal::at));
        return new Claim(early.rep(), early.since(), early.ruleId(), early.visitId(), renewals, null, null);
    }

    private Dispute dispute(Claim early, Claim late) {
        String reason = "合并档案（R-CUS-3）：" + names.apply(early.rep()) + "的建档始于" + day(early.since()) + "；"
                + names.apply(late.rep()) + "于" + day(late.since()) + "另行登记了同一位客户（当时未按电话识别为同一人），那时"
                + names.apply(early.rep()) + "的建档仍在有效期内（R-ATT-2）。按首次登记（R-ATT-1），客户暂归"
                + names.apply(early.rep()) + "；" + names.apply(late.rep()) + "的建档因合并结束。请经理裁定客户归属及业绩奖金分配"
                + "（R-ATT-16；可参照 R-ATT-10：双方协商由一人跟进并取得业绩，奖金各半）。合并原因：" + merge.reason();
        return new Dispute(Customer.idOf("merge-dispute", merge.id()), List.of(early.rep(), late.rep()), merge.by(), merge.at(),
                reason, null, null, List.of(), null, null, null);
    }

    /** The loser's arrangements made while the standing claim ran are set aside; everything else stays. */
    private static void sortArrangements(Customer record, Owners owners, List<Arrangement> kept, List<Arrangement> setAside) {
        for (Arrangement arrangement : record.arrangements()) {
            boolean aside = record == owners.loser() && !arrangement.at().isBefore(owners.winner().since());
            (aside ? setAside : kept).add(arrangement);
        }
    }

    /** Both records' follow-ups in time order, numbered again from 1; the maps say which old number became which. */
    private void renumberFollowUps(List<FollowUp> into, Map<Integer, Integer> survivorNumbers, Map<Integer, Integer> absorbedNumbers) {
        record Origin(FollowUp followUp, Map<Integer, Integer> numbers) {
        }
        List<Origin> all = new ArrayList<>();
        survivor.followUps().forEach(f -> all.add(new Origin(f, survivorNumbers)));
        absorbed.followUps().forEach(f -> all.add(new Origin(f, absorbedNumbers)));
        all.sort(Comparator.comparing(o -> o.followUp().at()));
        for (Origin origin : all) {
            FollowUp f = origin.followUp();
            int number = into.size() + 1;
            origin.numbers().put(f.number(), number);
            into.add(new FollowUp(number, f.rep(), f.at(), f.method(), f.note(), f.checkedBy(), f.checkedAt(), f.tracking()));
        }
    }

    /** A checked follow-up's renewal names it by number: the number it has now. */
    private static List<Claim> renumbered(List<Claim> claims, Map<Integer, Integer> numbers) {
        return claims.stream().map(c -> new Claim(c.rep(), c.since(), c.ruleId(), c.visitId(), c.renewals().stream()
                .map(r -> r.kind() == Claim.Renewal.Kind.CHECKED_FOLLOW_UP && r.ref() != null && r.ref().startsWith("follow-up:")
                        ? new Claim.Renewal(r.at(), r.kind(), "follow-up:" + numbers.getOrDefault(
                        Integer.parseInt(r.ref().substring("follow-up:".length())), 0)) : r)
                .toList(), c.endedAt(), c.endedRule())).toList();
    }

    private static int standing(List<Claim> claims) {
        for (int i = claims.size() - 1; i >= 0; i--) {
            if (!claims.get(i).ended()) {
                return i;
            }
        }
        return -1;
    }

    /** A link to another customer (referrer, household): the survivor's, else the absorbed's — never one of the two records. */
    private String other(String ofSurvivor, String ofAbsorbed) {
        for (String link : new String[]{ofSurvivor, ofAbsorbed}) {
            if (link != null && !link.equals(survivor.id()) && !link.equals(absorbed.id())) {
                return link;
            }
        }
        return null;
    }

    private String day(Instant at) {
        return LocalDate.ofInstant(at, zone).toString();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Both lists, each item once by its id, in time order. */
    private static <T> List<T> union(List<T> first, List<T> second, Function<T, String> id, Function<T, Instant> at) {
        Map<String, T> byId = new LinkedHashMap<>();
        concat(first, second).forEach(item -> byId.putIfAbsent(Objects.requireNonNull(id.apply(item)), item));
        List<T> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(at, Comparator.nullsFirst(Comparator.naturalOrder())));
        return all;
    }
}
