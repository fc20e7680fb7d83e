package io.anchang.customer.domain;

import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.ProtectionRenewal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A rep's claim on a customer (R-ATT-1): from {@code since} until it ends (passed on, lost or
 * redistributed). It protects the rep for {@code protectionMonths} (R-ATT-2), counted from the
 * later of {@code since} and the last renewal that the setting {@code protectionRenewsOn} counts.
 *
 * @param ruleId    the rule that gave it
 * @param visitId   the visit or call that gave it, if any
 * @param renewals  visits the owner served, and follow-ups a SUPERVISOR checked
 * @param endedRule the rule that ended it, null while it stands
 */
public record Claim(String rep, Instant since, String ruleId, String visitId, List<Renewal> renewals,
                    Instant endedAt, String endedRule) {

    public Claim {
        renewals = renewals == null ? List.of() : List.copyOf(renewals);
    }

    /** What renews a claim: a visit the owner served, or a follow-up a SUPERVISOR checked. */
    public record Renewal(Instant at, Kind kind, String ref) {
        public enum Kind { VISIT, CHECKED_FOLLOW_UP }
    }

    public static Claim start(String rep, Instant since, String ruleId, String visitId) {
        return new Claim(rep, since, ruleId, visitId, List.of(), null, null);
    }

    /** Whether it stood at {@code at}: begun, and not ended yet. */
    public boolean standsAt(Instant at) {
        return !since.isAfter(at) && (endedAt == null || endedAt.isAfter(at));
    }

    public boolean ended() {
        return endedAt != null;
    }

    /** R-ATT-2: the first day the claim no longer protects, as things stood at {@code at}. */
    public LocalDate expiresOn(Instant at, PolicySettings settings, ZoneId zone) {
        Instant base = since;
        if (settings.protectionRenewsOn() != ProtectionRenewal.FIXED) {
            Renewal.Kind counted = settings.protectionRenewsOn() == ProtectionRenewal.VISIT
                    ? Renewal.Kind.VISIT : Renewal.Kind.CHECKED_FOLLOW_UP;
            for (Renewal renewal : renewals) {
                if (renewal.kind() == counted && !renewal.at().isAfter(at) && renewal.at().isAfter(base)) {
                    base = renewal.at();
                }
            }
        }
        return LocalDate.ofInstant(base, zone).plusMonths(settings.protectionMonths());
    }

    /** R-ATT-2: the last day of protection. */
    public LocalDate validUntil(Instant at, PolicySettings settings, ZoneId zone) {
        return expiresOn(at, settings, zone).minusDays(1);
    }

    /** R-ATT-2: the claim stood at {@code at} and was still protected that day. */
    public boolean validAt(Instant at, PolicySettings settings, ZoneId zone) {
        return standsAt(at) && LocalDate.ofInstant(at, zone).isBefore(expiresOn(at, settings, zone));
    }

    /** R-ATT-2: {@code at} falls within the claim's protection, as things stood then — whether or not it has ended since. */
    public boolean protectsAt(Instant at, PolicySettings settings, ZoneId zone) {
        return !since.isAfter(at) && LocalDate.ofInstant(at, zone).isBefore(expiresOn(at, settings, zone));
    }

    public Claim renewed(Instant at, Renewal.Kind kind, String ref) {
        List<Renewal> more = new ArrayList<>(renewals);
        more.add(new Renewal(at, kind, ref));
        return new Claim(rep, since, ruleId, visitId, more, endedAt, endedRule);
    }

    public Claim withoutRenewal(String ref) {
        return new Claim(rep, since, ruleId, visitId, renewals.stream().filter(r -> !ref.equals(r.ref())).toList(),
                endedAt, endedRule);
    }

    public Claim endedAt(Instant at, String rule) {
        return new Claim(rep, since, ruleId, visitId, renewals, at, rule);
    }
}
