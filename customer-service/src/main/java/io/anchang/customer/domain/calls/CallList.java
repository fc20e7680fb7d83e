package io.anchang.customer.domain.calls;

import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The MANAGER's list of customers to call on one day for one purpose (R-OPS-4; policy 三10): invitations to visit or to an
 * event, notices to come and sign, notices to pay. Each customer is called by their own rep unless the MANAGER names
 * another (R-ATT-12), who records how the call went. One list per site, day and purpose; a customer who withdrew consent
 * to be contacted cannot be put on it and is left off it when it is read (R-CUS-13).
 */
public record CallList(String id, String siteId, LocalDate day, Purpose purpose, List<Entry> entries, String createdBy,
                       Instant createdAt) {

    public static final int MAX_ENTRIES = 500;

    public CallList {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    public enum Purpose {
        INVITATION("邀约"), SIGNING("通知签约"), PAYMENT("通知交款");

        private final String chinese;

        Purpose(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    public enum Outcome { REACHED, NO_ANSWER, DECLINED, AGREED }

    /** A customer to call, by whom, why; and once called, how it went. */
    public record Entry(String customerId, String archiveNo, String name, String phoneMasked, String caller, String note,
                        Outcome outcome, String calledBy, Instant calledAt, String result) {
    }

    public static String idOf(String site, LocalDate day, Purpose purpose) {
        return site + ":" + day + ":" + purpose;
    }

    /** A list of {@code day} may be made that day or ahead of it, never after. */
    public static CallList open(String siteId, LocalDate day, Purpose purpose, LocalDate today, String by, Instant at) {
        if (purpose == null) {
            throw ProblemException.invalid("call-purpose-missing", "请注明用途：INVITATION 邀约、SIGNING 通知签约、PAYMENT 通知交款");
        }
        if (day.isBefore(today)) {
            throw ProblemException.conflict("call-list-past", day + " 已经过去，不能再排电话 (Calls are listed for today or later)");
        }
        if (day.isAfter(today.plusDays(31))) {
            throw ProblemException.invalid("call-list-too-far", "最多提前一个月排电话 (Calls are listed at most a month ahead)");
        }
        return new CallList(idOf(siteId, day, purpose), siteId, day, purpose, List.of(), by, at);
    }

    /** Adds these customers; one already on the list stays as it was. */
    public CallList adding(List<Entry> more) {
        Set<String> on = new HashSet<>(entries.stream().map(Entry::customerId).toList());
        List<Entry> next = new ArrayList<>(entries);
        for (Entry entry : more) {
            if (on.add(entry.customerId())) {
                next.add(entry);
            }
        }
        if (next.size() > MAX_ENTRIES) {
            throw ProblemException.invalid("call-list-too-long", "每份电话清单最多 " + MAX_ENTRIES + " 位客户 (At most " + MAX_ENTRIES + " customers)");
        }
        return new CallList(id, siteId, day, purpose, next, createdBy, createdAt);
    }

    /** The caller (or the MANAGER) records how the call went; the list's own day only. */
    public CallList called(String customerId, Outcome outcome, String result, String by, boolean manager, LocalDate today, Instant at) {
        Entry entry = entries.stream().filter(e -> e.customerId().equals(customerId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("call-entry-unknown", "清单上没有这位客户 (This customer is not on the list)"));
        if (!manager && !by.equals(entry.caller())) {
            throw ProblemException.forbidden("call-not-yours", "这个电话由 " + entry.caller() + " 打 (This call is " + entry.caller() + "'s)");
        }
        if (outcome == null) {
            throw ProblemException.invalid("call-outcome-missing", "请选择结果：REACHED 已联系、NO_ANSWER 未接通、DECLINED 拒绝、AGREED 同意");
        }
        if (today.isBefore(day)) {
            throw ProblemException.conflict("call-list-not-today", "这份清单是 " + day + " 的 (This list is for " + day + ")");
        }
        List<Entry> next = entries.stream().map(e -> e.customerId().equals(customerId)
                ? new Entry(e.customerId(), e.archiveNo(), e.name(), e.phoneMasked(), e.caller(), e.note(), outcome, by, at,
                result == null || result.isBlank() ? null : result.strip()) : e).toList();
        return new CallList(id, siteId, day, purpose, next, createdBy, createdAt);
    }

    public long calls() {
        return entries.stream().filter(e -> e.outcome() != null).count();
    }
}
