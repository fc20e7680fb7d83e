package io.anchang.deal.domain;

import io.anchang.platform.money.Money;
import io.anchang.platform.problem.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.anchang.deal.domain.UnitFixture.NOW;
import static io.anchang.deal.domain.UnitFixture.aHeldUnit;
import static io.anchang.deal.domain.UnitFixture.aRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules after the deposit in plain Java (R-DEAL-5..10). */
class AfterDepositTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    /** A big deposit of 200,000 on 3-1702 at 3,544,200 (1 % off 3,580,000), its agreement numbered. */
    static Unit aBigDeposit() {
        Unit.DepositRequest request = aRequest(DepositKind.BIG, "200000.00");
        return aHeldUnit().requestDeposit(request).confirmDeposit(request.requestId(), "R-1", Money.of("200000.00"), "CASH", NOW, null, null,
                TODAY.plusDays(15)).unit().numberAgreement("RG-SH01-2026-000001").orElseThrow();
    }

    static Contract.Term term(Contract.TermKind kind, String amount, LocalDate dueOn) {
        return new Contract.Term(0, kind, Money.of(amount), dueOn);
    }

    @Test
    @DisplayName("R-DEAL-6 the terms with the deposits add up to the price to the fen, none due before the contract, numbered by day")
    void termsAddUpToThePrice() {
        Money price = Money.of("3544200.00");
        Money paid = Money.of("200000.00");
        List<Contract.Term> terms = Contract.terms(List.of(term(Contract.TermKind.MORTGAGE, "2000000.00", TODAY.plusMonths(2)),
                term(Contract.TermKind.DOWN_PAYMENT, "1344200.00", TODAY)), price, paid, TODAY);
        assertThat(terms).extracting(Contract.Term::no).containsExactly(1, 2);
        assertThat(terms.get(0).kind()).isEqualTo(Contract.TermKind.DOWN_PAYMENT);
        assertThatThrownBy(() -> Contract.terms(List.of(term(Contract.TermKind.DOWN_PAYMENT, "3344199.99", TODAY)), price, paid, TODAY))
                .hasFieldOrPropertyWithValue("type", "terms-do-not-add-up");
        assertThatThrownBy(() -> Contract.terms(List.of(term(Contract.TermKind.DOWN_PAYMENT, "3344200.00", TODAY.minusDays(1))), price, paid, TODAY))
                .hasFieldOrPropertyWithValue("type", "due-before-contract");
        assertThatThrownBy(() -> Contract.terms(List.of(term(Contract.TermKind.MORTGAGE, "1000000.00", TODAY),
                term(Contract.TermKind.MORTGAGE, "2344200.00", TODAY)), price, paid, TODAY)).hasFieldOrPropertyWithValue("type", "one-mortgage");
        assertThatThrownBy(() -> Contract.terms(List.of(), price, paid, TODAY)).hasFieldOrPropertyWithValue("type", "terms-required");
    }

    @Test
    @DisplayName("R-DEAL-6 R-ATT-17 a contract only from a big deposit; signed, the unit is CONTRACTED, late after its day, the shares final")
    void theContract() {
        assertThatThrownBy(() -> aHeldUnit().signContract("k", List.of(), TODAY, null, "rep-1", NOW))
                .hasFieldOrPropertyWithValue("type", "big-deposit-required");
        Unit big = aBigDeposit().recordCredit(aBigDeposit().sale().dealId(), new Unit.Credit(List.of(new Unit.Credit.Share("rep-1",
                BigDecimal.ONE, 100)), "R-ATT-4", "x", false, true, NOW));
        Unit signed = big.signContract("k", List.of(term(Contract.TermKind.DOWN_PAYMENT, "3344200.00", TODAY.plusDays(20))),
                TODAY.plusDays(16), TODAY.plusDays(15), "rep-1", NOW);
        assertThat(signed.status()).isEqualTo(UnitStatus.CONTRACTED);
        assertThat(signed.sale().dealing().contract().late()).isTrue();
        assertThat(signed.sale().credit().provisional()).isFalse();
    }

    @Test
    @DisplayName("R-DEAL-5 a void needs its reason and the paper copies' keeper; the old agreement stays on record, a new one waits for its number")
    void aVoidKeepsTheOldAgreement() {
        Unit big = aBigDeposit();
        assertThatThrownBy(() -> big.voidAgreement("CORRECTION", " ", "周助理", null, "mgr", NOW, "k")).hasFieldOrPropertyWithValue("type", "reason-required");
        assertThatThrownBy(() -> big.voidAgreement("CORRECTION", "地址错", null, null, "mgr", NOW, "k"))
                .hasFieldOrPropertyWithValue("type", "paper-keeper-required");
        Unit voided = big.voidAgreement("CORRECTION", "地址错", "周助理", null, "mgr", NOW, "deal:k");
        assertThat(voided.sale().dealing().voided()).singleElement().satisfies(v -> {
            assertThat(v.agreement().number()).isEqualTo("RG-SH01-2026-000001");
            assertThat(v.paperKeeper()).isEqualTo("周助理");
        });
        assertThat(voided.agreementToNumber()).isTrue();
        assertThat(voided.sale().agreement().issueKey()).isEqualTo("deal:k");
    }

    @Test
    @DisplayName("R-DEAL-7 larger, lower grade or dearer goes through by the rule; anything else needs the MANAGER")
    void theUnitChangeRule() {
        Unit from = Unit.entered("SH01", "3", "101", 1, "三室", new BigDecimal("100.00"), Money.of("3000000.00"), "南", "B");
        assertThat(from.changeRuleTo(Unit.entered("SH01", "3", "102", 1, "三室", new BigDecimal("100.01"), Money.of("1.00"), "南", "A"))).contains("LARGER");
        assertThat(from.changeRuleTo(Unit.entered("SH01", "3", "103", 1, "三室", new BigDecimal("100.00"), Money.of("1.00"), "南", "C"))).contains("LOWER_GRADE");
        assertThat(from.changeRuleTo(Unit.entered("SH01", "3", "104", 1, "三室", new BigDecimal("90.00"), Money.of("3000000.01"), "南", "A"))).contains("DEARER");
        assertThat(from.changeRuleTo(Unit.entered("SH01", "3", "105", 1, "三室", new BigDecimal("100.00"), Money.of("2999999.99"), "南", "B"))).isEmpty();
    }

    @Test
    @DisplayName("R-DEAL-7 the protocol's steps: leaving, arriving (the deposit moves), committing; undone when the other side says so")
    void theUnitChangeSteps() {
        Unit big = aBigDeposit();
        Unit to = Unit.entered("SH01", "3", "1802", 18, "三室两厅", new BigDecimal("140.00"), Money.of("3800000.00"), "南", "A");
        Unit leaving = big.startMove("c1", to, "LARGER", null, null, NOW);
        assertThatThrownBy(() -> leaving.startMove("c2", to, "LARGER", null, null, NOW)).hasFieldOrPropertyWithValue("type", "deal-busy");
        assertThat(leaving.agreementToNumber()).isFalse();
        Unit arrived = to.arrive(leaving, "c1", new Pricing.Price(to.listPrice(), BigDecimal.ZERO, to.listPrice(), null), NOW);
        assertThat(arrived.status()).isEqualTo(UnitStatus.BIG_DEPOSIT);
        assertThat(arrived.sale().paid()).isEqualTo(Money.of("200000.00"));
        assertThat(arrived.sale().agreement().balance()).isEqualTo(Money.of("3600000.00"));
        assertThat(arrived.agreementToNumber()).isFalse(); // not while the change is under way
        assertThat(arrived.arrived("c1").orElseThrow().agreementToNumber()).isTrue();
        assertThat(leaving.moveOut("c1").status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(leaving.undoMove("c1").orElseThrow().sale().dealing().move()).isNull();
        assertThat(arrived.undoArrival("c1").orElseThrow().status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(arrived.undoArrival("other")).isEmpty();
    }

    @Test
    @DisplayName("R-DEAL-10 R-DEAL-8 no refund after the contract; a refund of more than was paid is refused; a name change waits for its fee")
    void refundsAndNameChanges() {
        Unit big = aBigDeposit();
        Unit signed = big.signContract("k", List.of(term(Contract.TermKind.DOWN_PAYMENT, "3344200.00", TODAY)), TODAY, TODAY, "rep-1", NOW);
        assertThatThrownBy(() -> signed.requestRefund("a", "谈过", "x", "rep-1", NOW)).hasFieldOrPropertyWithValue("type", "refund-after-contract");
        Unit asked = big.requestRefund("a", "谈过", "x", "rep-1", NOW);
        assertThatThrownBy(() -> asked.refund("a", Money.of("200000.01"))).hasFieldOrPropertyWithValue("type", "refund-exceeds-paid");
        assertThat(asked.refund("a", Money.ZERO).status()).isEqualTo(UnitStatus.AVAILABLE);

        Buyer next = Buyer.checked("李四", "13900001111", "上海市黄浦区人民大道200号", "200003");
        Unit waiting = signed.requestNameChange("n1", next, Money.of("35442.00"), "转让", "rep-1", NOW);
        assertThat(waiting.sale().dealing().contract().buyer().name()).isEqualTo("王小明");
        assertThatThrownBy(() -> waiting.requestNameChange("n2", next, Money.of("1"), "x", "rep-1", NOW))
                .isInstanceOf(ProblemException.class).hasFieldOrPropertyWithValue("type", "name-change-pending");
        assertThat(waiting.nameChangePaid("n1").orElseThrow().sale().dealing().contract().buyer().name()).isEqualTo("李四");
        assertThat(waiting.nameChangePaid("other")).isEmpty();
    }
}
