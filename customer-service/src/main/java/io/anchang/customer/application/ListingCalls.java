package io.anchang.customer.application;

import io.anchang.customer.domain.Customer;
import io.anchang.customer.domain.calls.CallList;
import io.anchang.platform.events.customer.CallListChanged;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.StaffMember;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * R-OPS-4 (policy 三10): the MANAGER organises the day's calls — invitations, notices to sign, notices to pay — as lists of
 * customers, each called by their rep (R-ATT-12) unless the MANAGER names another; reps read their own calls and record how
 * each went. A customer who withdrew consent to be contacted cannot be put on a list and is left off every list read
 * (R-CUS-13). Call lists live here, beside the customers and their consent, rather than with reception's site operations.
 */
public class ListingCalls {

    /** The most customers one request adds. */
    public static final int MAX_AT_ONCE = 200;

    private final Archive archive;
    private final CallLists lists;

    public ListingCalls(Archive archive, CallLists lists) {
        this.archive = archive;
        this.lists = lists;
    }

    /** A customer to put on the list: by id or archive number, who calls (their rep if null), why. */
    public record Wanted(String customer, String caller, String note) {
    }

    public Mono<CallList> add(Caller caller, String site, LocalDate day, CallList.Purpose purpose, List<Wanted> wanted) {
        caller.requireOn(site, Role.MANAGER);
        if (wanted == null || wanted.isEmpty() || wanted.size() > MAX_AT_ONCE) {
            throw ProblemException.invalid("call-entries-invalid", "一次添加 1 到 " + MAX_AT_ONCE + " 位客户 (Add 1 to " + MAX_AT_ONCE
                    + " customers at a time)");
        }
        return Mono.zip(archive.rules(caller, site), archive.notToContact(caller.scope(), site)).flatMap(context -> {
            SiteRules rules = context.getT1();
            Set<String> withdrawn = context.getT2();
            LocalDate today = LocalDate.ofInstant(archive.clock().instant(), rules.zone());
            CallList fresh = CallList.open(site, day, purpose, today, caller.userId(), archive.clock().instant());
            return Flux.fromIterable(wanted).concatMap(w -> archive.customer(caller, site, w.customer()).map(c -> entry(rules, c, w)))
                    .collectList().flatMap(entries -> {
                        List<String> refused = entries.stream().filter(e -> withdrawn.contains(e.customerId())).map(CallList.Entry::archiveNo).toList();
                        if (!refused.isEmpty()) {
                            return Mono.error(ProblemException.conflict("contact-withdrawn", "以下客户已撤回联系同意，不能列入电话清单："
                                    + String.join("、", refused) + " (R-CUS-13: these customers withdrew consent to be contacted; nothing was added)"));
                        }
                        return Changes.change(() -> lists.byId(caller.scope(), site, fresh.id()), stored -> {
                            CallList before = stored.value() != null ? stored.value() : fresh;
                            CallList after = before.adding(entries);
                            if (stored.value() != null && after.entries().size() == before.entries().size()) {
                                return Mono.just(after);
                            }
                            return Changes.written(lists.save(caller, after, stored.version(), List.of(event(after, "ADDED", caller))), after);
                        });
                    });
        });
    }

    /** The caller (or the MANAGER) records how a call went. */
    public Mono<CallList> called(Caller caller, String site, String listId, String customerRef, CallList.Outcome outcome, String result) {
        caller.requireOn(site, Role.SALES);
        return Mono.zip(archive.customer(caller, site, customerRef), archive.today(caller, site)).flatMap(found ->
                Changes.changeExisting(() -> lists.byId(caller.scope(), site, listId),
                        () -> ProblemException.notFound("call-list-unknown", "没有这份电话清单 (No call list " + listId + ")"), stored -> {
                            CallList after = stored.value().called(found.getT1().id(), outcome, result, caller.userId(),
                                    caller.has(Role.MANAGER), found.getT2(), archive.clock().instant());
                            return Changes.written(lists.save(caller, after, stored.version(), List.of(event(after, "CALLED", caller))), after);
                        }));
    }

    /**
     * The lists of {@code day} (today if null): the MANAGER's whole, a rep's only their own calls; customers who withdrew
     * consent to be contacted are left off (R-CUS-13).
     */
    public Flux<CallList> ofDay(Caller caller, String site, LocalDate day) {
        Archive.requireReader(caller, site, Role.SALES);
        return Mono.zip(archive.today(caller, site), archive.notToContact(caller.scope(), site)).flatMapMany(context ->
                lists.ofDay(caller.scope(), site, day != null ? day : context.getT1()).map(list -> new CallList(list.id(), list.siteId(),
                        list.day(), list.purpose(), list.entries().stream()
                        .filter(e -> !context.getT2().contains(e.customerId()))
                        .filter(e -> caller.has(Role.MANAGER) || caller.userId().equals(e.caller())).toList(), list.createdBy(),
                        list.createdAt())));
    }

    private static CallList.Entry entry(SiteRules rules, Customer customer, Wanted wanted) {
        String calls = wanted.caller() != null && !wanted.caller().isBlank() ? wanted.caller() : customer.owner().orElse(null);
        if (calls == null) {
            throw ProblemException.invalid("caller-missing", "客户 " + customer.archiveNo() + " 目前没有置业顾问，请指定由谁打电话 (Nobody owns "
                    + "this customer: name who calls)");
        }
        if (rules.profile() != null && rules.profile().member(calls).filter(StaffMember::active)
                .filter(m -> m.role() == Role.SALES || m.role() == Role.SUPERVISOR || m.role() == Role.MANAGER).isEmpty()) {
            throw ProblemException.invalid("caller-unknown", calls + " 不是案场 " + rules.site() + " 的销售人员 (" + calls
                    + " is not a rep of the site)");
        }
        return new CallList.Entry(customer.id(), customer.archiveNo(), customer.name(), Archive.masked(customer), calls,
                wanted.note() == null || wanted.note().isBlank() ? null : wanted.note().strip(), null, null, null, null);
    }

    private PendingEvent event(CallList list, String change, Caller caller) {
        Instant now = archive.clock().instant();
        return PendingEvent.of(list.siteId(), list.id(), new CallListChanged(list.id(), list.siteId(), list.day(), list.purpose().name(),
                change, list.entries().size(), (int) list.calls(), caller.userId(), now)).before(Map.of("change", change))
                .because("R-OPS-4 " + list.purpose().chinese());
    }
}
