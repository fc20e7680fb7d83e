package io.anchang.deal.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * R-DEAL-6: the contract (签约) signed from a big deposit. It fixes the price and the payment terms —
 * down payment, instalments, a mortgage — which with the deposits paid add up to the price, and
 * keeps its online filing (网签) status.
 *
 * @param dueOn the last day to sign ({@code contractDays} after the big deposit); {@code late} when signed after it
 */
public record Contract(String contractId, Buyer buyer, Money price, Money deposits, List<Term> terms, LocalDate signedOn,
                       LocalDate dueOn, boolean late, String signedBy, Instant signedAt, Filing filing) {

    /** The most terms a schedule may have (five years of monthly instalments). */
    public static final int MAX_TERMS = 60;

    public Contract {
        terms = List.copyOf(terms);
    }

    public enum TermKind {
        DOWN_PAYMENT("首付款"), INSTALMENT("分期款"), MORTGAGE("按揭贷款");

        private final String chinese;

        TermKind(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /** One payment term: what kind, how much, by which day (the site's calendar). */
    public record Term(int no, TermKind kind, Money amount, LocalDate dueOn) {
    }

    public enum FilingStatus {
        NOT_FILED("未网签"), SUBMITTED("已提交网签"), FILED("已网签备案"), REJECTED("网签被退回");

        private final String chinese;

        FilingStatus(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /** The online filing (网签): its status and, once filed, its number. */
    public record Filing(FilingStatus status, String filingNo, String note, String by, Instant at) {
    }

    /**
     * R-DEAL-6: the payment terms as given, checked and numbered in order of their day: at least one,
     * at most {@value #MAX_TERMS}, each positive and due no earlier than the contract's day, at most one
     * mortgage, and together with the deposits paid exactly the price. Refused with what is wrong.
     */
    public static List<Term> terms(List<Term> given, Money price, Money deposits, LocalDate signedOn) {
        if (given == null || given.isEmpty()) {
            throw ProblemException.invalid("terms-required", "请填写付款方式：首付、分期或按揭 (Give the payment terms: down payment, instalments or mortgage)");
        }
        if (given.size() > MAX_TERMS) {
            throw ProblemException.invalid("too-many-terms", "付款期数最多 " + MAX_TERMS + " 期 (At most " + MAX_TERMS + " terms)");
        }
        Money total = deposits;
        int mortgages = 0;
        for (Term term : given) {
            if (term == null || term.kind() == null || term.amount() == null || term.dueOn() == null) {
                throw ProblemException.invalid("term-incomplete", "每期须填写类型、金额和应付日期 (Each term needs its kind, amount and due day)");
            }
            if (term.dueOn().isBefore(signedOn)) {
                throw new ProblemException(400, "due-before-contract", "Invalid request", "应付日期 " + term.dueOn() + " 早于签约日 "
                        + signedOn + " (A term cannot be due before the contract's day)", Map.of("dueOn", term.dueOn().toString()));
            }
            if (term.dueOn().isAfter(signedOn.plusYears(30))) {
                throw ProblemException.invalid("due-too-late", "应付日期不能晚于签约后三十年 (A term is due within 30 years)");
            }
            if (term.kind() == TermKind.MORTGAGE) {
                mortgages++;
            }
            total = total.plus(term.amount());
        }
        if (mortgages > 1) {
            throw ProblemException.invalid("one-mortgage", "一份合同只能有一笔按揭贷款 (A contract has at most one mortgage)");
        }
        if (total.compareTo(price) != 0) {
            // R-DEAL-6: the terms with the deposits add up to the price, to the fen
            throw new ProblemException(400, "terms-do-not-add-up", "Invalid request", "已付定金 " + deposits + " 元加各期合计 "
                    + total.minus(deposits) + " 元 = " + total + " 元，与成交价 " + price + " 元不符，差 " + price.minus(total)
                    + " 元 (The deposits and terms add up to " + total + ", not the price " + price + ")",
                    Map.of("price", price.toString(), "total", total.toString(), "difference", price.minus(total).toString()));
        }
        List<Term> sorted = new ArrayList<>(given);
        sorted.sort(Comparator.comparing(Term::dueOn));
        List<Term> numbered = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Term t = sorted.get(i);
            numbered.add(new Term(i + 1, t.kind(), t.amount(), t.dueOn()));
        }
        return numbered;
    }

    public Contract filed(Filing next) {
        return new Contract(contractId, buyer, price, deposits, terms, signedOn, dueOn, late, signedBy, signedAt, next);
    }

    public Contract withBuyer(Buyer next) {
        return new Contract(contractId, next, price, deposits, terms, signedOn, dueOn, late, signedBy, signedAt, filing);
    }
}
