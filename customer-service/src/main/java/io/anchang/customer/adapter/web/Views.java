package io.anchang.customer.adapter.web;

import io.anchang.customer.application.ReadingCustomers;
import io.anchang.customer.application.SiteRules;
import io.anchang.customer.domain.Complaint;
import io.anchang.customer.domain.Credit;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.Dispute;
import io.anchang.customer.domain.Draw;
import io.anchang.customer.domain.FollowUp;
import io.anchang.platform.api.attribution.ClaimView;
import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.api.attribution.Share;
import io.anchang.platform.phone.Phone;
import io.anchang.platform.site.PolicySettings;

import java.time.Instant;
import java.util.List;

/** What the API shows of customers: phones masked (R-SEC-3), names next to user ids. */
public final class Views {

    private Views() {
    }

    public record CustomerView(String id, String archiveNo, String name, List<String> phones, String source, Instant registeredAt,
                               String registeredBy, String owner, String ownerName, List<ClaimView> claims, CreditView credit,
                               List<VisitView> visits, List<Complaint> complaints, List<FollowUp> followUps,
                               List<Dispute> disputes, String referredBy, String householdOf, List<MergedView> mergedFrom) {
    }

    /** R-CUS-3: a record merged into this one: its own archive number and registration, who merged it and why. */
    public record MergedView(String customerId, String archiveNo, Instant registeredAt, String registeredBy, String mergedBy,
                             Instant mergedAt, String reason, String disputeId) {
    }

    public record VisitView(String visitId, String channel, Instant at, String servedBy, ServingRole role, boolean usesTurn,
                            String ruleId, String rule) {
    }

    public record CreditView(Instant at, List<ShareView> shares, String ruleId, String explanation, boolean needsManagerRuling,
                             java.math.BigDecimal creditTotal, int bonusTotal) {
    }

    public record ShareView(String userId, String name, java.math.BigDecimal credit, int bonusPercent) {
    }

    public record ComplaintView(String complaintId, String customerId, String archiveNo, String phone, String against,
                                String againstName, String lodgedBy, String lodgedByName, String text, Instant at, String status,
                                String checkedBy, String note) {
    }

    public record DisputeView(String disputeId, String customerId, String archiveNo, String phone, List<String> parties,
                              String openedBy, Instant openedAt, String reason, String outcome, String ownerRep,
                              List<Share> shares, String ruling, String ruledBy, Instant ruledAt) {
    }

    public record DrawView(String drawId, String fromRep, List<String> toReps, long seed, List<Draw.Assignment> assignments,
                           String reason, String drawnBy, Instant at) {

        static DrawView of(Draw d) {
            return new DrawView(d.id(), d.fromRep(), d.toReps(), d.seed(), d.assignments(), d.reason(), d.drawnBy(), d.at());
        }
    }

    static String phone(Customer c) {
        return c.phones().isEmpty() ? null : new Phone(c.phones().get(0)).masked();
    }

    static CustomerView customer(ReadingCustomers.Found found) {
        Customer c = found.customer();
        SiteRules rules = found.rules();
        Instant at = found.at();
        PolicySettings settings = rules.settingsAt(at);
        String owner = c.owner().orElse(null);
        List<ClaimView> claims = c.claims().stream().map(claim -> new ClaimView(claim.rep(), claim.since(),
                claim.validUntil(at, settings, rules.zone()), claim.validAt(at, settings, rules.zone()),
                !claim.ended() && claim.rep().equals(owner), claim.ruleId())).toList();
        Credit credit = Credit.at(c, at, settings, rules.zone(), null, rules::name);
        return new CustomerView(c.id(), c.archiveNo(), c.name(), c.phones().stream().map(p -> new Phone(p).masked()).toList(),
                c.source(), c.registeredAt(), c.registeredBy(), owner, rules.name(owner), claims, credit(credit, at, rules),
                c.visits().stream().map(v -> new VisitView(v.visitId(), v.channel().name(), v.at(), v.server(), v.role(),
                        v.usesTurn(), v.ruleId(), v.rule())).toList(),
                c.complaints(), c.followUps(), c.disputes(), c.referredBy(), c.householdOf(),
                c.absorbed().stream().map(a -> new MergedView(a.customerId(), a.archiveNo(), a.registeredAt(), a.registeredBy(), a.by(),
                        a.at(), a.reason(), a.disputeId())).toList());
    }

    static CreditView credit(Credit credit, Instant at, SiteRules rules) {
        return new CreditView(at, credit.shares().stream().map(s -> new ShareView(s.userId(), rules.name(s.userId()), s.credit(),
                s.bonusPercent())).toList(), credit.ruleId(), credit.explanation(), credit.needsManagerRuling(),
                credit.creditTotal(), credit.bonusTotal());
    }

    static ComplaintView complaint(Customer c, Complaint k, SiteRules rules) {
        return new ComplaintView(k.id(), c.id(), c.archiveNo(), phone(c), k.against(), rules.name(k.against()), k.lodgedBy(),
                rules.name(k.lodgedBy()), k.text(), k.at(), k.status(), k.checkedBy(), k.note());
    }

    static DisputeView dispute(Customer c, Dispute d) {
        return new DisputeView(d.id(), c.id(), c.archiveNo(), phone(c), d.parties(), d.openedBy(), d.openedAt(), d.reason(),
                d.outcome(), d.ownerRep(), d.shares(), d.ruling(), d.ruledBy(), d.ruledAt());
    }
}
