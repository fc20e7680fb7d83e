package io.anchang.customer.application;

import io.anchang.customer.domain.Claim;
import io.anchang.customer.domain.Credit;
import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.VisitRecord;
import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.ClaimView;
import io.anchang.platform.api.attribution.Desk;
import io.anchang.platform.site.PolicySettings;

import java.time.Instant;
import java.util.List;

/** Flow 1's answer about a visit, as every use case that changes one gives it: who serves, the rule, and what is stored. */
final class Answers {

    private Answers() {
    }

    static Credit credit(Customer customer, Instant at, SiteRules rules, Desk desk) {
        return Credit.at(customer, at, rules.settingsAt(at), rules.zone(), null, desk == null ? rules::name : rules.names(desk));
    }

    /** The answer about {@code visit}: the shares and claims as they stand at {@code now}, the moment of the answer — what is stored. */
    static AttributionAnswer answer(Customer customer, VisitRecord visit, SiteRules rules, Desk desk, Instant now) {
        Instant at = now.isBefore(visit.at()) ? visit.at() : now;
        Credit credit = credit(customer, at, rules, desk);
        return new AttributionAnswer(visit.visitId(), customer.id(), customer.archiveNo(), CustomerEvents.masked(customer),
                customer.visits().get(0).visitId().equals(visit.visitId()), visit.server(), visit.role(), visit.preferredRep(),
                visit.usesTurn(), customer.owner().orElse(null), visit.previousOwner(), visit.ruleId(), visit.rule(),
                credit.shares(), claims(customer, at, rules), visit.complaintId(), visit.turnGivenBackTo(), visit.notServedBy(),
                visit.namedTurnOf());
    }

    /** The claims standing, and those that ended at this moment (a claim lost to this visit). */
    static List<ClaimView> claims(Customer customer, Instant at, SiteRules rules) {
        PolicySettings settings = rules.settingsAt(at);
        String owner = customer.owner().orElse(null);
        return customer.claims().stream()
                .filter(c -> !c.ended() || !c.endedAt().isBefore(at))
                .map(c -> view(c, at, settings, rules, owner))
                .toList();
    }

    static ClaimView view(Claim c, Instant at, PolicySettings settings, SiteRules rules, String owner) {
        return new ClaimView(c.rep(), c.since(), c.validUntil(at, settings, rules.zone()), c.validAt(at, settings, rules.zone()),
                !c.ended() && c.rep().equals(owner), c.ruleId());
    }

}
