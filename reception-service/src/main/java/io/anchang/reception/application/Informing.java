package io.anchang.reception.application;

import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.events.customer.ComplaintLodged;
import io.anchang.platform.events.customer.ComplaintVerified;
import io.anchang.platform.events.customer.CustomersRedistributed;
import io.anchang.platform.events.customer.DisputeRuled;
import io.anchang.platform.events.customer.VisitAttributed;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.StaffMember;
import io.anchang.reception.domain.InboxMessage;
import io.anchang.reception.domain.Site;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who must be told is told, in their inbox, from the events of both services: the owner when a
 * helper served their customer (R-ATT-7), the SUPERVISOR and the owner when a customer
 * complains (R-ATT-6), both reps when it is checked, the reps of a redistribution (R-ATT-15),
 * the parties of a ruling (R-ATT-16). A redelivered event tells nobody twice.
 */
public class Informing {

    private final Sites sites;
    private final Inbox inbox;

    public Informing(Sites sites, Inbox inbox) {
        this.sites = sites;
        this.inbox = inbox;
    }

    public Mono<Void> attributed(UUID eventId, VisitAttributed e) {
        boolean helped = (e.role() == ServingRole.HELPER) && e.ownerRep() != null && !e.ownerRep().equals(e.servedBy());
        if (!helped) {
            return Mono.empty();
        }
        return site(e.siteId()).flatMap(site -> tell(eventId, e.siteId(), List.of(e.ownerRep()), "HELPER_SERVED", e.ruleId(),
                "您的客户 " + e.archiveNo() + "（" + e.phoneMasked() + "）今日来访，由" + name(site, e.servedBy()) + "协助接待。" + e.rule(),
                e.visitId(), e.at()));
    }

    public Mono<Void> complaintLodged(UUID eventId, ComplaintLodged e) {
        return site(e.siteId()).flatMap(site -> {
            Set<String> told = new LinkedHashSet<>(supervisors(site));
            told.add(e.against());
            return tell(eventId, e.siteId(), List.copyOf(told), "COMPLAINT_LODGED", "R-ATT-6", "客户 " + e.archiveNo() + " 投诉"
                    + name(site, e.against()) + "并拒绝其接待，" + (e.lodgedBy() == null ? "正在前台等候其他置业顾问接待"
                    : "由" + name(site, e.lodgedBy()) + "接待") + "；请销售主任落实。客户原话：" + e.text(),
                    e.complaintId(), e.at());
        });
    }

    public Mono<Void> complaintVerified(UUID eventId, ComplaintVerified e) {
        return site(e.siteId()).flatMap(site -> tell(eventId, e.siteId(), List.of(e.against(), e.lodgedBy()), "COMPLAINT_CHECKED",
                "R-ATT-6", "客户 " + e.archiveNo() + " 的投诉经" + name(site, e.verifiedBy()) + (e.verified()
                        ? "落实属实：此客户与" + name(site, e.against()) + "无关，归" + name(site, e.lodgedBy()) + "，业绩奖金100%"
                        : "核实不成立：客户归" + name(site, e.lodgedBy()) + "，奖金按不愿找原置业顾问的情形分配（R-ATT-5）")
                        + (e.note() == null ? "" : "。说明：" + e.note()), e.complaintId(), e.at()));
    }

    public Mono<Void> redistributed(UUID eventId, CustomersRedistributed e) {
        Map<String, Long> counts = e.assignments().stream().collect(Collectors.groupingBy(CustomersRedistributed.Assignment::toRep,
                Collectors.counting()));
        return site(e.siteId()).flatMap(site -> Flux.fromIterable(e.toReps()).concatMap(rep -> tell(eventId, e.siteId(), List.of(rep),
                "CUSTOMERS_REDISTRIBUTED", "R-ATT-15", name(site, e.fromRep()) + "的客户经随机抽签（种子 " + e.seed() + "）重新分配，"
                        + "您分得 " + counts.getOrDefault(rep, 0L) + " 位：" + e.assignments().stream().filter(a -> a.toRep().equals(rep))
                        .map(CustomersRedistributed.Assignment::archiveNo).collect(Collectors.joining("、")) + "。原因：" + e.reason(),
                e.drawId(), e.at())).then());
    }

    public Mono<Void> disputeRuled(UUID eventId, DisputeRuled e) {
        String outcome = switch (e.outcome()) {
            case "AMICABLE" -> "双方协商一致";
            case "DEPARTMENT" -> "当事人发生争吵，该楼宇业绩、奖金归部门";
            default -> "经理裁定，当事人须服从";
        };
        return site(e.siteId()).flatMap(site -> tell(eventId, e.siteId(), e.parties(), "DISPUTE_RULED", "R-ATT-16",
                "客户 " + e.archiveNo() + " 的纠纷已处理：" + outcome + (e.ownerRep() == null ? "" : "，客户归" + name(site, e.ownerRep()))
                        + "。理由：" + e.reason(), e.disputeId(), e.at()));
    }

    public Flux<InboxMessage> mine(Caller caller, String site) {
        caller.scope().requireRead(site);
        return inbox.of(caller.scope(), site, caller.userId());
    }

    public Mono<Boolean> read(Caller caller, String site, String messageId) {
        caller.scope().requireRead(site);
        return inbox.markRead(caller, site, messageId);
    }

    private Mono<Void> tell(UUID eventId, String site, List<String> users, String kind, String ruleId, String text, String ref,
                            Instant at) {
        return Flux.fromIterable(new LinkedHashSet<>(users)).filter(u -> u != null)
                .concatMap(user -> inbox.add(new InboxMessage(eventId + ":" + user, site, user, at, kind, ruleId, text, ref, false)))
                .then();
    }

    private Mono<Site> site(String site) {
        return sites.find(SiteScope.system(), site);
    }

    private static List<String> supervisors(Site site) {
        List<String> supervisors = site.profile().staff().stream().filter(StaffMember::active)
                .filter(m -> m.role() == Role.SUPERVISOR).map(StaffMember::userId).toList();
        return supervisors.isEmpty() ? site.profile().staff().stream().filter(StaffMember::active)
                .filter(m -> m.role() == Role.MANAGER).map(StaffMember::userId).toList() : supervisors;
    }

    private static String name(Site site, String userId) {
        return userId == null ? "（无）" : site.profile().member(userId).map(StaffMember::name).orElse(userId);
    }
}
