package io.anchang.finance.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * R-FIN-7: a contract's mortgage and its progress — APPLIED at a bank, APPROVED (with the amount the bank
 * approved) or REJECTED, and LOAN_PAID once FINANCE recorded the loan the bank paid out as a payment of the
 * MORTGAGE amount due.
 */
public record Mortgage(String dealId, String siteId, String unitId, String unitLabel, String buyerName, Money loan, String dueId,
                       Stage stage, String bank, Money approved, List<Step> history, long version) {

    public enum Stage {
        NOT_APPLIED("未申请"), APPLIED("已申请"), APPROVED("已获批"), REJECTED("被拒贷"), LOAN_PAID("已放款");

        private final String chinese;

        Stage(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    public record Step(Stage stage, String bank, Money amount, String note, String by, Instant at) {
    }

    public Mortgage {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /**
     * R-FIN-7: FINANCE records a step: APPLIED (again after a rejection), APPROVED after an application (with the
     * approved amount, at most the loan), REJECTED after an application. LOAN_PAID comes only from the payment.
     */
    public Mortgage progress(Stage next, String bankName, Money amount, String note, String by, Instant at) {
        boolean allowed = switch (next) {
            case APPLIED -> stage == Stage.NOT_APPLIED || stage == Stage.REJECTED;
            case APPROVED, REJECTED -> stage == Stage.APPLIED;
            default -> false;
        };
        if (!allowed) {
            throw ProblemException.conflict("mortgage-step-invalid", "按揭当前为" + stage.chinese() + "，不能记为" + next.chinese()
                    + " (The mortgage is " + stage + "; it cannot be " + next + " now)");
        }
        if (next == Stage.APPLIED && (bankName == null || bankName.isBlank())) {
            throw ProblemException.invalid("bank-required", "请填写贷款银行 (Which bank?)");
        }
        if (next == Stage.APPROVED && (amount == null || amount.compareTo(loan) > 0)) {
            throw ProblemException.invalid("approved-amount-invalid", "获批金额须填写，且不超过合同约定的贷款 " + loan
                    + " 元 (The approved amount is required, at most the loan of the contract)");
        }
        List<Step> next1 = new ArrayList<>(history);
        next1.add(new Step(next, bankName == null || bankName.isBlank() ? bank : bankName.trim(), amount, note, by, at));
        return new Mortgage(dealId, siteId, unitId, unitLabel, buyerName, loan, dueId, next,
                bankName == null || bankName.isBlank() ? bank : bankName.trim(), next == Stage.APPROVED ? amount : approved, next1, version);
    }

    /** R-FIN-7: the loan was paid out and recorded as a payment (receipt {@code receiptNo}); once. */
    public java.util.Optional<Mortgage> loanPaid(Money amount, String receiptNo, String by, Instant at) {
        if (stage == Stage.LOAN_PAID) {
            return java.util.Optional.empty();
        }
        List<Step> next = new ArrayList<>(history);
        next.add(new Step(Stage.LOAN_PAID, bank, amount, "收据 " + receiptNo, by, at));
        return java.util.Optional.of(new Mortgage(dealId, siteId, unitId, unitLabel, buyerName, loan, dueId, Stage.LOAN_PAID, bank, approved,
                next, version));
    }
}
