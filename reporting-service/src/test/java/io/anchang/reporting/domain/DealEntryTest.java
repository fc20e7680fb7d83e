package io.anchang.reporting.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DealEntryTest {

    private static final LocalDate SIGNED = LocalDate.of(2026, 11, 25);

    private static DealEntry signed() {
        return DealEntry.empty("H1", "SH01").withRep("rep1", "张伟").withUnit("U1", "1-101", "1", 10_000)
                .bigDeposit(new DealEntry.Big(Instant.parse("2026-11-25T02:00:00Z"), SIGNED, Fen.of(new java.math.BigDecimal("3000000")),
                        10_000_000, "RG-1"))
                .credited(new DealEntry.Credit(List.of(new DealEntry.Share("rep1", 5000, 80), new DealEntry.Share("rep2", 5000, 20)),
                        "R-ATT-7", false, true));
    }

    private static Sheet month(DealEntry deal) {
        Map<SheetId, Sheet> sheets = Ledger.deltas(List.of(), deal.contributions());
        return sheets.get(SheetId.of("SH01", Period.month(SIGNED)));
    }

    @Test
    @DisplayName("R-RPT-5 R-ATT-17 a signed deal's shares count provisional: credit 0.5 each, amounts by credit and by bonus percent")
    void sharesAreProvisionalUntilTheContract() {
        Sheet sheet = month(signed());
        assertThat(sheet.of(Axis.REP, "rep1").get(Metric.CREDIT_PROVISIONAL)).isEqualTo(5000);
        assertThat(sheet.of(Axis.REP, "rep1").get(Metric.CREDIT_FEN_PROVISIONAL)).isEqualTo(150_000_000);
        assertThat(sheet.of(Axis.REP, "rep1").get(Metric.BONUS_FEN_PROVISIONAL)).isEqualTo(240_000_000);
        assertThat(sheet.of(Axis.REP, "rep2").get(Metric.BONUS_FEN_PROVISIONAL)).isEqualTo(60_000_000);
        assertThat(sheet.of(Axis.REP, "rep1").get(Metric.CREDIT_FINAL)).isZero();
        assertThat(sheet.total().get(Metric.BIG_DEPOSITS)).isEqualTo(1);
        assertThat(sheet.total().get(Metric.SUBSCRIBED_AREA)).isEqualTo(10_000);
    }

    @Test
    @DisplayName("R-RPT-5 R-ATT-17 the contract makes the shares final, a refund reverses them: the sheets move by the difference")
    void contractAndRefundMoveTheShares() {
        DealEntry before = signed();
        DealEntry contracted = before.contracted(new DealEntry.Contract(Instant.parse("2026-12-02T02:00:00Z"), LocalDate.of(2026, 12, 2),
                300_000_000, "HT-1"));
        Map<SheetId, Sheet> delta = Ledger.deltas(before.contributions(), contracted.contributions());
        Sheet november = delta.get(SheetId.of("SH01", Period.month(SIGNED)));
        assertThat(november.of(Axis.REP, "rep1").get(Metric.CREDIT_PROVISIONAL)).isEqualTo(-5000);
        assertThat(november.of(Axis.REP, "rep1").get(Metric.CREDIT_FINAL)).isEqualTo(5000);
        assertThat(delta.get(SheetId.of("SH01", Period.month(LocalDate.of(2026, 12, 2)))).total().get(Metric.CONTRACTS)).isEqualTo(1);

        DealEntry refunded = contracted.reversed(new DealEntry.Reversal(Instant.parse("2026-12-10T02:00:00Z"), LocalDate.of(2026, 12, 10),
                "REFUND", "客户退房"));
        Sheet reversed = Ledger.deltas(contracted.contributions(), refunded.contributions()).get(SheetId.of("SH01", Period.month(SIGNED)));
        assertThat(reversed.of(Axis.REP, "rep2").get(Metric.CREDIT_FINAL)).isEqualTo(-5000);
        assertThat(reversed.of(Axis.REP, "rep2").get(Metric.CREDIT_REVERSED)).isEqualTo(5000);
        assertThat(refunded.status()).isEqualTo(DealEntry.Status.REFUNDED);
    }

    @Test
    @DisplayName("R-DEAL-4 R-RPT-3 the agreement's number, announced after the big deposit, reaches the big-deposit register; the deposit told again keeps it")
    void theAgreementNumberAnnouncedAfter() {
        DealEntry.Big big = new DealEntry.Big(Instant.parse("2026-11-25T02:00:00Z"), SIGNED, 300_000_000, 10_000_000, null);
        DealEntry numbered = DealEntry.empty("H1", "SH01").bigDeposit(big).agreementIssued("RG-SH01-2026-000007");
        assertThat(numbered.big().agreementNo()).isEqualTo("RG-SH01-2026-000007");
        assertThat(numbered.bigDeposit(big).big().agreementNo()).isEqualTo("RG-SH01-2026-000007");
        assertThat(numbered.contributions()).isEqualTo(DealEntry.empty("H1", "SH01").bigDeposit(big).contributions());
    }

    @Test
    @DisplayName("R-RPT-5 R-ATT-16 shares a ruling gave the department count for the house account, apart from the reps")
    void theHouseAccountIsApart() {
        DealEntry house = signed().credited(new DealEntry.Credit(List.of(new DealEntry.Share(DealEntry.DEPARTMENT, 10_000, 100)),
                "R-ATT-16", false, true));
        Sheet sheet = month(house);
        assertThat(sheet.of(Axis.REP, Axis.HOUSE).get(Metric.CREDIT_PROVISIONAL)).isEqualTo(10_000);
        assertThat(sheet.of(Axis.REP, "rep1").get(Metric.CREDIT_PROVISIONAL)).isZero();
        assertThat(sheet.of(Axis.REP, "rep1").get(Metric.BIG_DEPOSITS)).isEqualTo(1);
    }
}
