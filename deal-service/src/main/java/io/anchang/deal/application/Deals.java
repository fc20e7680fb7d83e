package io.anchang.deal.application;

import io.anchang.deal.domain.Unit;
import io.anchang.platform.events.deal.CreditRecorded;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.SiteProfile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the after-deposit use cases share: who may act on a deal, the site's calendar and policy, ids from request ids. */
final class Deals {

    private Deals() {
    }

    /** The deal's own rep, or a SUPERVISOR/MANAGER of the site; anyone else 403. */
    static void requireDealOf(Caller caller, Unit unit) {
        if (unit.sale() != null && !caller.has(Role.SUPERVISOR) && !unit.sale().repUserId().equals(caller.userId())) {
            throw ProblemException.forbidden("deal-of-another-rep", "房源 " + unit.label() + " 是 " + unit.sale().repName()
                    + " 的交易，只有本人、主管或经理可以办理 (This is another rep's deal)");
        }
    }

    /** The site's calendar day at {@code at}. */
    static LocalDate day(SiteProfile profile, Instant at) {
        return LocalDate.ofInstant(at, profile.zone());
    }

    static PolicySettings policy(SiteProfile profile, Instant at) {
        return profile.policyOn(day(profile, at));
    }

    /** An id for the thing a client's {@code requestId} makes: the same for every repeat; random without one. */
    static String idFor(String site, String unitId, String action, String requestId) {
        return requestId == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((site + "|" + unitId + "|" + action + "|" + requestId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** R-ATT-17: the deal's shares as events carry them; none when customer-service has not fixed them yet. */
    static List<CreditRecorded.Share> shares(Unit.Sale sale) {
        return sale.credit() == null ? List.of() : sale.credit().shares().stream()
                .map(s -> new CreditRecorded.Share(s.userId(), s.credit(), s.bonusPercent())).toList();
    }

    /** R-SEC-3: 138****5678. */
    static String mask(String phone) {
        return phone == null || phone.length() < 7 ? phone : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
