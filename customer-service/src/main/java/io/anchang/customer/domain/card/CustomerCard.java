package io.anchang.customer.domain.card;

import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's card as sales works it, beside the archive's record of who the customer is and who they belong to: the
 * intent class A to D with every change and who made it (R-CUS-2), the status along the policy's steps (R-CUS-1) — moved
 * by the rep where the rep decides (classified, lost with its reason, followed again) and by the other services' events
 * where things happen (a deposit, a contract, a refund) — the rep's notebook (R-CUS-4) and the deals made, the deal
 * archive of owners (R-CUS-7). A card is its own small aggregate: nothing in it decides attribution, and a rep writing
 * the notebook never races the desk writing the customer's visits.
 *
 * @param overdueAnnounced the follow-up whose next date passed and was announced overdue, so it is announced once
 */
public record CustomerCard(String customerId, String siteId, String archiveNo, IntentClass intentClass, List<ClassChange> classHistory,
                           Status status, List<StatusChange> statusHistory, Notebook notebook, List<DealStep> deals,
                           Integer overdueAnnounced, Instant updatedAt) {

    public static final int MAX_HISTORY = 500;

    public CustomerCard {
        classHistory = classHistory == null ? List.of() : List.copyOf(classHistory);
        statusHistory = statusHistory == null ? List.of() : List.copyOf(statusHistory);
        deals = deals == null ? List.of() : List.copyOf(deals);
        status = status == null ? Status.RECORDED : status;
    }

    /** R-CUS-2 (decision): A strongest, then B, C, D; the policy names A and B — those keep a tracking form (R-CUS-5). */
    public enum IntentClass {
        A, B, C, D;

        public boolean tracked() {
            return this == A || this == B;
        }
    }

    /** R-CUS-1: where the customer stands along the policy's steps (一). */
    public enum Status {
        RECORDED("已登记"), CLASSIFIED("已分类"), FOLLOWING("跟进中"), DEPOSIT("已下小定"), DEAL("已成交（大定）"), LOST("交易不成功"),
        OWNER("业主（已签约）"), REFERRER("老带新介绍人");

        private final String chinese;

        Status(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }

        /** In the deal archive (成交客户档案, R-CUS-7). */
        public boolean dealt() {
            return this == DEAL || this == OWNER || this == REFERRER;
        }
    }

    public record ClassChange(IntentClass from, IntentClass to, String by, Instant at, String reason) {
    }

    /** @param cause the rep's decision ({@code MANUAL}) or the event that moved it ({@code deal.big-deposit-signed}) */
    public record StatusChange(Status from, Status to, String by, Instant at, String reason, String cause) {
    }

    /**
     * R-CUS-4 (三1): the rep's notebook — the customer's background, suggestions, reasons for not buying and for refunds,
     * and anything else worth keeping. Visit times, the deal status and the signing time come from the register and the
     * deals, not from typing.
     */
    public record Notebook(String background, String suggestions, String reasonsNotBuying, String refundReasons, String notes,
                           String updatedBy, Instant updatedAt) {
    }

    /**
     * A step of a deal as the deal service announced it (R-CUS-7).
     *
     * @param step SMALL_DEPOSIT, BIG_DEPOSIT, CONTRACT, REFUND, LAPSED, CANCELLED (a breach ruled a cancellation, R-DEAL-9),
     *             UNIT_CHANGED (换房, R-DEAL-7; {@code unitLabel} is the new unit) or NAME_CHANGED (换名, R-DEAL-8)
     * @param ref  what tells apart steps that may happen more than once on a deal (the unit change's or the name change's
     *             id), else null
     * @param note what the step changed, in words (换房 1-502 → 1-803; 更名 张三 → 李四), else null
     */
    public record DealStep(String dealId, String unitLabel, String step, Instant at, String event, String ref, String note) {

        public DealStep(String dealId, String unitLabel, String step, Instant at, String event) {
            this(dealId, unitLabel, step, at, event, null, null);
        }

        boolean sameAs(DealStep other) {
            return dealId.equals(other.dealId()) && step.equals(other.step()) && java.util.Objects.equals(ref, other.ref());
        }

        /** A step that ends the deal: a refund (R-DEAL-10) or a cancellation for breach (R-DEAL-9). */
        boolean ends() {
            return "REFUND".equals(step) || "CANCELLED".equals(step);
        }
    }

    public static CustomerCard blank(String customerId, String siteId, String archiveNo) {
        return new CustomerCard(customerId, siteId, archiveNo, null, List.of(), Status.RECORDED, List.of(), null, List.of(), null, null);
    }

    /** R-CUS-2: the rep (re)classifies the customer; the history keeps each change. The first class moves a recorded customer on. */
    public CustomerCard classified(IntentClass to, String reason, String by, Instant at) {
        if (to == null) {
            throw ProblemException.invalid("class-invalid", "意向等级应为 A、B、C 或 D (The intent class is A, B, C or D)");
        }
        if (to == intentClass) {
            return this;
        }
        List<ClassChange> history = append(classHistory, new ClassChange(intentClass, to, by, at, blankToNull(reason)));
        CustomerCard next = new CustomerCard(customerId, siteId, archiveNo, to, history, status, statusHistory, notebook, deals,
                overdueAnnounced, at);
        return status == Status.RECORDED ? next.moved(Status.CLASSIFIED, by, at, "首次分类为 " + to + " 类", "MANUAL") : next;
    }

    /** R-CUS-6: the deal did not happen: the reason is kept and the customer stays in the archive, to be followed again. */
    public CustomerCard lost(String reason, String by, Instant at) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("lost-reason-missing", "请写明交易不成功的原因 (R-CUS-6: say why the deal did not happen)");
        }
        if (status.dealt()) {
            throw ProblemException.conflict("customer-dealt", "客户已成交（" + status.chinese() + "），退房由交易系统处理 (The customer has a deal: "
                    + "a refund comes from the deal service)");
        }
        if (status == Status.LOST) {
            return this;
        }
        String kept = reason.strip();
        Notebook book = notebook == null ? new Notebook(null, null, kept, null, null, by, at)
                : new Notebook(notebook.background(), notebook.suggestions(), notebook.reasonsNotBuying() == null ? kept
                : notebook.reasonsNotBuying() + "\n" + kept, notebook.refundReasons(), notebook.notes(), by, at);
        return withNotebook(book).moved(Status.LOST, by, at, kept, "MANUAL");
    }

    /** R-CUS-6: a lost customer is followed again: back to following. */
    public CustomerCard reopened(String reason, String by, Instant at) {
        if (status != Status.LOST) {
            throw ProblemException.conflict("customer-not-lost", "只有交易不成功的客户可以重新跟进，客户现在是" + status.chinese()
                    + " (Only a lost customer is reopened)");
        }
        return moved(Status.FOLLOWING, by, at, blankToNull(reason), "MANUAL");
    }

    /** R-CUS-1: a follow-up moves a recorded or classified customer to following; a lost one stays lost until reopened. */
    public CustomerCard followedUp(String by, Instant at, String cause) {
        if (status == Status.RECORDED || status == Status.CLASSIFIED) {
            return moved(Status.FOLLOWING, by, at, "已跟进", cause);
        }
        return this;
    }

    /**
     * R-CUS-1, R-CUS-7: a step of a deal, announced by deal-service: a small deposit (DEPOSIT), a big deposit with its
     * agreement (DEAL, 成交), a contract (OWNER, 业主), a refund or a cancellation for breach (LOST, with its reason; when
     * another of the customer's deals goes on, the furthest step of those) or a small deposit lapsed (back to FOLLOWING). A unit change or a name change
     * is kept in the deal archive and moves no status. The same event twice changes nothing; a later step never moves the
     * status back past a contract.
     */
    public CustomerCard dealStep(DealStep step, String reason, Instant at) {
        if (deals.stream().anyMatch(d -> d.sameAs(step))) {
            return this;
        }
        CustomerCard next = new CustomerCard(customerId, siteId, archiveNo, intentClass, classHistory, status, statusHistory, notebook,
                append(deals, step), overdueAnnounced, at);
        String cause = step.event();
        return switch (step.step()) {
            case "SMALL_DEPOSIT" -> status.dealt() ? next : next.moved(Status.DEPOSIT, "system", at, "小定 " + step.unitLabel(), cause);
            case "BIG_DEPOSIT" -> status == Status.OWNER || status == Status.REFERRER ? next
                    : next.moved(Status.DEAL, "system", at, "大定/认购 " + step.unitLabel(), cause);
            case "CONTRACT" -> status == Status.REFERRER ? next : next.moved(Status.OWNER, "system", at, "签约 " + step.unitLabel(), cause);
            case "LAPSED" -> status == Status.DEPOSIT ? next.moved(Status.FOLLOWING, "system", at, "小定过期 " + step.unitLabel(), cause) : next;
            case "REFUND", "CANCELLED" -> {
                String what = "REFUND".equals(step.step()) ? "退房 " : "违约解除 ";
                String why = reason == null || reason.isBlank() ? what + step.unitLabel() : reason.strip();
                Notebook book = notebook == null ? new Notebook(null, null, null, why, null, "system", at)
                        : new Notebook(notebook.background(), notebook.suggestions(), notebook.reasonsNotBuying(),
                        notebook.refundReasons() == null ? why : notebook.refundReasons() + "\n" + why, notebook.notes(), "system", at);
                CustomerCard noted = next.withNotebook(book);
                if (!next.goesOn(step.dealId())) {
                    yield noted.moved(Status.LOST, "system", at, why, cause);
                }
                // the status is the furthest step of the deals that go on: an owner whose contract was cancelled while
                // another unit is only subscribed is back at 成交; a referrer stays one
                Status standing = next.standingOf(step.dealId());
                yield status == Status.REFERRER || standing == null ? noted
                        : noted.moved(standing, "system", at, why + "（其他交易继续）", cause);
            }
            default -> next;
        };
    }

    /** Whether a deal other than {@code ended} is still under way (its deposit or contract taken, not refunded or cancelled). */
    private boolean goesOn(String ended) {
        return deals.stream().map(DealStep::dealId).distinct().filter(id -> !id.equals(ended))
                .anyMatch(this::goesOnAlone);
    }

    /** The status the deals other than {@code ended} that go on stand at: their furthest step; none when none has one. */
    private Status standingOf(String ended) {
        int furthest = deals.stream().filter(d -> !d.dealId().equals(ended) && goesOnAlone(d.dealId()))
                .mapToInt(d -> switch (d.step()) {
                    case "CONTRACT" -> 3;
                    case "BIG_DEPOSIT" -> 2;
                    case "SMALL_DEPOSIT" -> 1;
                    default -> 0;
                }).max().orElse(0);
        return switch (furthest) {
            case 3 -> Status.OWNER;
            case 2 -> Status.DEAL;
            case 1 -> Status.DEPOSIT;
            default -> null;
        };
    }

    private boolean goesOnAlone(String dealId) {
        return deals.stream().noneMatch(d -> d.dealId().equals(dealId) && (d.ends() || "LAPSED".equals(d.step())));
    }

    /** R-CUS-1: an owner who brings a new customer (老带新) has reached the policy's last step. */
    public CustomerCard referred(String by, Instant at, String cause) {
        return status == Status.OWNER ? moved(Status.REFERRER, by, at, "介绍新客户", cause) : this;
    }

    /** R-CUS-4: the rep writes the notebook, whole. */
    public CustomerCard withNotebook(Notebook book) {
        return new CustomerCard(customerId, siteId, archiveNo, intentClass, classHistory, status, statusHistory, book, deals,
                overdueAnnounced, book.updatedAt());
    }

    /** R-CUS-5: follow-up {@code number} was announced overdue. */
    public CustomerCard overdueAnnounced(int number, Instant at) {
        return new CustomerCard(customerId, siteId, archiveNo, intentClass, classHistory, status, statusHistory, notebook, deals, number, at);
    }

    private CustomerCard moved(Status to, String by, Instant at, String reason, String cause) {
        if (to == status) {
            return this;
        }
        return new CustomerCard(customerId, siteId, archiveNo, intentClass, classHistory, to,
                append(statusHistory, new StatusChange(status, to, by, at, reason, cause)), notebook, deals, overdueAnnounced, at);
    }

    private static <T> List<T> append(List<T> list, T item) {
        if (list.size() >= MAX_HISTORY) {
            throw ProblemException.conflict("card-history-full", "客户卡片的记录已达上限 (This card's history is full)");
        }
        List<T> next = new ArrayList<>(list);
        next.add(item);
        return next;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
