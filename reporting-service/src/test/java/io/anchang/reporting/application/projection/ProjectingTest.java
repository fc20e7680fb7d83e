package io.anchang.reporting.application.projection;

import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.events.EventContracts;
import io.anchang.platform.events.customer.CustomerRegistered;
import io.anchang.platform.events.customer.VisitAttributed;
import io.anchang.platform.events.deal.BigDepositSigned;
import io.anchang.platform.events.deal.BreachRuled;
import io.anchang.platform.events.deal.ContractSigned;
import io.anchang.platform.events.deal.CreditRecorded;
import io.anchang.platform.events.deal.Refunded;
import io.anchang.platform.events.deal.UnitAdded;
import io.anchang.platform.events.deal.UnitChanged;
import io.anchang.platform.events.deal.UnitHeld;
import io.anchang.platform.events.deal.UnitReleased;
import io.anchang.platform.events.finance.PaymentRecorded;
import io.anchang.platform.events.finance.ReceiptReversed;
import io.anchang.platform.events.finance.ReceiptVoided;
import io.anchang.platform.events.finance.RefundPaid;
import io.anchang.platform.events.finance.VoucherReversed;
import io.anchang.platform.events.finance.VoucherVoided;
import io.anchang.platform.events.reception.CallRegistered;
import io.anchang.platform.events.reception.CustomerLeft;
import io.anchang.platform.events.reception.VisitRegistered;
import io.anchang.platform.events.reception.VisitServed;
import io.anchang.reporting.domain.Axis;
import io.anchang.reporting.domain.Entry;
import io.anchang.reporting.domain.EntryRef;
import io.anchang.reporting.domain.Metric;
import io.anchang.reporting.domain.Period;
import io.anchang.reporting.domain.Sheet;
import io.anchang.reporting.domain.SheetId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectingTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    private static final Instant AT = Instant.parse("2026-11-25T02:00:00Z");

    private final Projecting projecting = Projecting.reports();
    private final Memory store = new Memory();
    private final SiteCalendar shanghai = new SiteCalendar() {
        @Override
        public LocalDate day(String site, Instant at) {
            return LocalDate.ofInstant(at, ZoneId.of("Asia/Shanghai"));
        }

        @Override
        public void zoneChanged(String site, String timeZone) {
        }
    };

    @Test
    @DisplayName("R-RPT-1 an event delivered twice — in one batch and in the next — counts once")
    void duplicatesCountOnce() {
        Fact<?> call = fact(new CallRegistered("C1", "SH01", "r1", AT, "138****5678", "孙", null, "rep1", false, null));
        apply(List.of(call, call));
        apply(List.of(call));
        assertThat(day().of(Axis.REP, "rep1").get(Metric.CALLS)).isEqualTo(1);
        assertThat(day().total().get(Metric.CALLS)).isEqualTo(1);
    }

    @Test
    @DisplayName("R-RPT-1 a customer's first attributed visit is a first visit (首访), the next a return (复访); a queued visit counts for the rep who took it")
    void firstAndReturnVisits() {
        apply(List.of(fact(new CustomerRegistered("K1", "SH01", "A-1", "孙", "138****5678", "VISIT", "rep1", AT)),
                fact(visit("V1", "rep1", "K1")), fact(attributed("V1", "K1", "rep1")),
                fact(visit("V2", null, "K1")), fact(new VisitServed("V2", "SH01", "K1", "rep2", false, true, 60, AT.plusSeconds(60))),
                fact(attributed("V2", "K1", "rep2"))));
        Sheet day = day();
        assertThat(day.of(Axis.REP, "rep1").get(Metric.VISITS)).isEqualTo(1);
        assertThat(day.of(Axis.REP, "rep1").get(Metric.FIRST_VISITS)).isEqualTo(1);
        assertThat(day.of(Axis.REP, "rep2").get(Metric.VISITS)).isEqualTo(1);
        assertThat(day.of(Axis.REP, "rep2").get(Metric.RETURN_VISITS)).isEqualTo(1);
        assertThat(day.of(Axis.SOURCE, "VISIT").get(Metric.VISITS)).isEqualTo(2);
        assertThat(day.total().get(Metric.NEW_CUSTOMERS)).isEqualTo(1);
        assertThat(day.of(Axis.REP, Axis.NO_REP).get(Metric.VISITS)).isZero();
    }

    @Test
    @DisplayName("R-RPT-1 a customer who left the queue unserved counts as a visit of nobody, and as left")
    void aCustomerWhoLeft() {
        apply(List.of(fact(visit("V9", null, null)), fact(new CustomerLeft("V9", "SH01", DAY, null, "138****0000", null, AT,
                AT.plusSeconds(600), 600, "desk", null))));
        assertThat(day().of(Axis.REP, Axis.NO_REP).get(Metric.VISITS)).isEqualTo(1);
        assertThat(day().total().get(Metric.LEFT)).isEqualTo(1);
    }

    @Test
    @DisplayName("R-RPT an event the projection cannot apply is set aside and changes nothing; the rest of the batch is applied")
    void aBrokenEventIsSetAside() {
        Fact<?> broken = fact(new CallRegistered("C2", "SH01", "r2", null, null, null, null, "rep1", false, null));
        Fact<?> good = fact(new CallRegistered("C3", "SH01", "r3", AT, null, null, null, "rep1", false, null));
        Projecting.Outcome outcome = apply(List.of(broken, good));
        assertThat(outcome.failed()).extracting(f -> f.fact().eventId()).containsExactly(broken.eventId());
        assertThat(day().total().get(Metric.CALLS)).isEqualTo(1);
    }

    @Test
    @DisplayName("R-RPT periods are the site's calendar: a call at 23:30 Shanghai counts on that Shanghai day")
    void theSitesDay() {
        apply(List.of(fact(new CallRegistered("C4", "SH01", "r4", Instant.parse("2026-11-25T15:30:00Z"), null, null, null,
                "rep1", false, null)), fact(new CallRegistered("C5", "SH01", "r5", Instant.parse("2026-11-25T16:30:00Z"), null, null,
                null, "rep1", false, null))));
        assertThat(sheet(Period.day(DAY)).total().get(Metric.CALLS)).isEqualTo(1);
        assertThat(sheet(Period.day(DAY.plusDays(1))).total().get(Metric.CALLS)).isEqualTo(1);
    }

    @Test
    @DisplayName("R-RPT-2 R-RPT-3 R-RPT-5 the contract counts as 签约 with its amount on its day, the unit contracted, the shares final; told twice, once")
    void theContractCounts() {
        apply(sold("D1", "SH01-1-502"));
        Fact<?> contract = fact(contract("D1", "SH01-1-502", "1-502", AT.plusSeconds(86_400)));
        apply(List.of(contract, contract));
        apply(List.of(contract));
        Sheet next = sheet(Period.day(DAY.plusDays(1)));
        assertThat(next.of(Axis.REP, "rep1").get(Metric.CONTRACTS)).isEqualTo(1);
        assertThat(next.total().get(Metric.CONTRACTED_FEN)).isEqualTo(650_000_000L);
        assertThat(day().total().get(Metric.CREDIT_FINAL)).as("the shares on the big deposit's day, final now").isEqualTo(10_000);
        assertThat(day().total().get(Metric.CREDIT_PROVISIONAL)).isZero();
        Sheet stock = stock();
        assertThat(stock.total().get(Metric.UNITS_CONTRACTED)).isEqualTo(1);
        assertThat(stock.total().get(Metric.UNITS_BIG_DEPOSIT)).isZero();
    }

    @Test
    @DisplayName("R-RPT-5 R-RPT-2 a refund and a cancellation for breach count as 退房 on their day and reverse the shares; a penalty changes nothing")
    void refundsAndCancellations() {
        apply(sold("D2", "SH01-1-601"));
        apply(sold("D3", "SH01-1-602"));
        Instant later = AT.plusSeconds(2 * 86_400);
        apply(List.of(fact(new Refunded("ap-1", "D2", "SH01", "SH01-1-601", "1-601", "K1", new BigDecimal("200000.00"), BigDecimal.ZERO,
                        new BigDecimal("200000.00"), List.of(), "谈过", "资金困难", List.of(), "mgr", later)),
                fact(new UnitReleased("SH01-1-601", "SH01", "1-601", null, "REFUNDED", "mgr", later)),
                fact(breach("D3", "PENALTY", later))));
        assertThat(sheet(Period.day(DAY.plusDays(2))).total().get(Metric.CANCELLED)).isEqualTo(1);
        apply(List.of(fact(breach("D3", "CANCELLATION", later))));
        Sheet then = sheet(Period.day(DAY.plusDays(2)));
        assertThat(then.total().get(Metric.CANCELLED)).isEqualTo(2);
        assertThat(then.total().get(Metric.CANCELLED_FEN)).isEqualTo(2 * 650_000_000L);
        assertThat(day().total().get(Metric.CREDIT_REVERSED)).isEqualTo(20_000);
        assertThat(day().total().get(Metric.CREDIT_PROVISIONAL)).isZero();
        assertThat(day().total().get(Metric.BIG_DEPOSITS)).as("the big deposits stay counted on their day").isEqualTo(2);
        assertThat(stock().total().get(Metric.UNITS_AVAILABLE)).as("the refunded unit on sale again").isEqualTo(1);
    }

    @Test
    @DisplayName("R-RPT-3 a unit change moves the deal's sale to the new unit: the new unit sold, the old one on sale, the deal in the new unit's building")
    void aUnitChange() {
        apply(sold("D4", "SH01-1-701"));
        apply(List.of(fact(new UnitAdded("SH01-2-801", "SH01", "2-801", "2", "801", 8, "三室两厅", new BigDecimal("120.00"),
                        new BigDecimal("7000000.00"), "南", "A", "IMPORT", "imp-1", 1, "ctl", AT)),
                fact(new UnitChanged("uc-1", "D4", "SH01", "SH01-1-701", "1-701", "SH01-2-801", "2-801", "BIG_DEPOSIT", "LARGER", null,
                        null, new BigDecimal("6500000.00"), new BigDecimal("7000000.00"), new BigDecimal("200000.00"), "K1", "rep1", AT)),
                fact(new UnitReleased("SH01-1-701", "SH01", "1-701", null, "UNIT_CHANGED", "rep1", AT))));
        Sheet stock = stock();
        assertThat(stock.of(Axis.BUILDING, "2").get(Metric.UNITS_BIG_DEPOSIT)).isEqualTo(1);
        assertThat(stock.of(Axis.BUILDING, "2").get(Metric.SOLD_FEN)).isEqualTo(700_000_000L);
        assertThat(stock.of(Axis.BUILDING, "1").get(Metric.UNITS_BIG_DEPOSIT)).isZero();
        assertThat(stock.of(Axis.BUILDING, "1").get(Metric.UNITS_AVAILABLE)).isEqualTo(1);
        assertThat(day().of(Axis.BUILDING, "2").get(Metric.BIG_DEPOSITS)).isEqualTo(1);
        assertThat(day().of(Axis.BUILDING, "1").get(Metric.BIG_DEPOSITS)).isZero();
    }

    @Test
    @DisplayName("R-RPT-4 money: a down payment and an instalment FINANCE recorded are 回款 for the deal's rep on the desk's day; a transfer fee is not")
    void paymentsAreCollections() {
        apply(sold("D5", "SH01-1-801"));
        Fact<?> down = fact(payment("SK-1", "D5", "DOWN_PAYMENT", "1950000.00"));
        apply(List.of(down, fact(payment("SK-2", "D5", "INSTALMENT", "100000.00")), fact(payment("SK-3", "D5", "TRANSFER_FEE", "65000.00"))));
        apply(List.of(down));
        Sheet payday = sheet(Period.day(DAY.plusDays(3)));
        assertThat(payday.total().get(Metric.COLLECTED_FEN)).isEqualTo(205_000_000L);
        assertThat(payday.of(Axis.REP, "rep1").get(Metric.COLLECTED_FEN)).isEqualTo(205_000_000L);
    }

    @Test
    @DisplayName("R-RPT-3 R-FIN-1 R-FIN-7 a voided receipt leaves 回款 of its own day; a closed day's receipt reversed lands on the day of the reversing entry, in the site's time zone; a fee's reversal is no 回款; twice told, once")
    void voidedAndReversedReceipts() {
        apply(sold("D6", "SH01-1-901"));
        Fact<?> voided = fact(new ReceiptVoided("SK-11", "SH01", "due-SK-11", "D6", "SH01-1-901", new BigDecimal("100000.00"), "录错", "fin",
                AT.plusSeconds(3 * 86_400), DAY.plusDays(3), "INSTALMENT"));
        apply(List.of(fact(payment("SK-10", "D6", "DOWN_PAYMENT", "1950000.00")), fact(payment("SK-11", "D6", "INSTALMENT", "100000.00")),
                voided, voided));
        apply(List.of(voided));
        assertThat(sheet(Period.day(DAY.plusDays(3))).of(Axis.REP, "rep1").get(Metric.COLLECTED_FEN)).isEqualTo(195_000_000L);

        // the day closed; two days on, 00:30 in Shanghai (still the day before in UTC), the down payment is reversed
        Instant reversedAt = Instant.parse("2026-11-29T16:30:00Z");
        Fact<?> reversal = fact(new ReceiptReversed("SK-12", "SK-10", "SH01", "due-SK-10", "D6", "SH01-1-901", new BigDecimal("-1950000.00"),
                "金额录错", "fin", reversedAt, null, "DOWN_PAYMENT"));
        apply(List.of(reversal, reversal));
        apply(List.of(reversal));
        assertThat(sheet(Period.day(DAY.plusDays(3))).total().get(Metric.COLLECTED_FEN)).as("the closed day stands").isEqualTo(195_000_000L);
        assertThat(sheet(Period.day(LocalDate.of(2026, 11, 30))).of(Axis.REP, "rep1").get(Metric.COLLECTED_FEN)).isEqualTo(-195_000_000L);
        assertThat(sheet(Period.day(LocalDate.of(2026, 11, 29))).total().get(Metric.COLLECTED_FEN)).isZero();
        assertThat(sheet(Period.month(DAY)).of(Axis.REP, "rep1").get(Metric.COLLECTED_FEN)).isZero();

        // a transfer fee and its reversal: kept, never 回款
        apply(List.of(fact(payment("SK-13", "D6", "TRANSFER_FEE", "65000.00")), fact(new ReceiptReversed("SK-14", "SK-13", "SH01", "due-SK-13",
                "D6", "SH01-1-901", new BigDecimal("-65000.00"), "录错", "fin", reversedAt, LocalDate.of(2026, 11, 30), "TRANSFER_FEE"))));
        assertThat(sheet(Period.month(DAY)).total().get(Metric.COLLECTED_FEN)).isZero();
    }

    @Test
    @DisplayName("R-RPT-3 R-FIN-1 a receipt's void read before its payment (a replay) leaves it out all the same")
    void aVoidReadFirst() {
        apply(sold("D8", "SH01-1-903"));
        apply(List.of(fact(new ReceiptVoided("SK-31", "SH01", "due-SK-31", "D8", "SH01-1-903", new BigDecimal("100000.00"), "录错", "fin",
                AT.plusSeconds(3 * 86_400), DAY.plusDays(3), null))));
        apply(List.of(fact(payment("SK-31", "D8", "INSTALMENT", "100000.00"))));
        assertThat(sheet(Period.day(DAY.plusDays(3))).total().get(Metric.COLLECTED_FEN)).isZero();
    }

    @Test
    @DisplayName("R-RPT-5 R-FIN-4 R-FIN-1 R-FIN-7 refunds paid out, in parts, are money out for the deal's rep on the desk's day; a voided voucher paid nothing; a reversed one comes back on its own day; a refund of no deal is the site's; twice told, once")
    void refundsPaidAreMoneyOut() {
        apply(sold("D7", "SH01-1-902"));
        LocalDate d2 = DAY.plusDays(2);
        LocalDate d3 = DAY.plusDays(3);
        LocalDate d9 = DAY.plusDays(4);
        Fact<?> part1 = fact(refundPaid("FK-1", "D7", "20000.00", d2, "20000.00", "30000.00"));
        apply(List.of(part1, fact(refundPaid("FK-2", "D7", "30000.00", d3, "50000.00", "0.00")), part1));
        apply(List.of(part1));
        assertThat(sheet(Period.day(d2)).of(Axis.REP, "rep1").get(Metric.REFUNDED_FEN)).isEqualTo(2_000_000L);
        assertThat(sheet(Period.day(d3)).of(Axis.REP, "rep1").get(Metric.REFUNDED_FEN)).isEqualTo(3_000_000L);
        assertThat(sheet(Period.day(d3)).total().get(Metric.COLLECTED_FEN)).as("money out is not less 回款").isZero();

        apply(List.of(fact(new VoucherVoided("FK-1", "SH01", "refund-D7", new BigDecimal("20000.00"), "账号错", "fin", AT, d2, "D7")),
                fact(refundPaid("FK-3", "D7", "20000.00", d3, "50000.00", "0.00")),
                fact(new VoucherReversed("FK-4", "FK-2", "SH01", "refund-D7", "SH01-1-902", new BigDecimal("-30000.00"), "录错", "fin",
                        AT.plusSeconds(4 * 86_400), d9, "D7")),
                fact(refundPaid("FK-5", null, "3000.00", d3, "3000.00", "0.00"))));
        assertThat(sheet(Period.day(d2)).total().get(Metric.REFUNDED_FEN)).as("the voided voucher paid nothing").isZero();
        assertThat(sheet(Period.day(d3)).of(Axis.REP, "rep1").get(Metric.REFUNDED_FEN)).isEqualTo(5_000_000L);
        assertThat(sheet(Period.day(d3)).of(Axis.REP, Axis.NO_REP).get(Metric.REFUNDED_FEN)).isEqualTo(300_000L);
        assertThat(sheet(Period.day(d9)).of(Axis.REP, "rep1").get(Metric.REFUNDED_FEN)).isEqualTo(-3_000_000L);
        assertThat(sheet(Period.month(DAY)).total().get(Metric.REFUNDED_FEN)).isEqualTo(2_300_000L);
    }

    @Test
    @DisplayName("R-RPT-3 R-DEAL-7 after a unit change the deal stands at the new unit's price and area; 认购金额 moves by the difference on the day of the change, the big deposit's day stands")
    void aUnitChangeReprices() {
        apply(sold("D9", "SH01-1-904"));
        Instant nextDay = AT.plusSeconds(86_400);
        apply(List.of(fact(new UnitAdded("SH01-2-802", "SH01", "2-802", "2", "802", 8, "三室两厅", new BigDecimal("120.00"),
                        new BigDecimal("7000000.00"), "南", "A", "IMPORT", "imp-1", 1, "ctl", AT)),
                fact(new UnitChanged("uc-9", "D9", "SH01", "SH01-1-904", "1-904", "SH01-2-802", "2-802", "BIG_DEPOSIT", "LARGER", null,
                        null, new BigDecimal("6500000.00"), new BigDecimal("7000000.00"), new BigDecimal("200000.00"), "K1", "rep1", nextDay))));
        var deal = (io.anchang.reporting.domain.DealEntry) store.entries.get(new EntryRef(io.anchang.reporting.domain.EntryKind.DEAL, "D9"));
        assertThat(deal.unitLabel()).isEqualTo("2-802");
        assertThat(deal.subscribedPriceFen()).isEqualTo(700_000_000L);
        assertThat(deal.priceFen()).isEqualTo(700_000_000L);
        assertThat(deal.areaHundredths()).isEqualTo(12_000L);
        assertThat(day().total().get(Metric.SUBSCRIBED_FEN)).isEqualTo(650_000_000L);
        assertThat(day().total().get(Metric.SUBSCRIBED_AREA)).isEqualTo(10_000L);
        assertThat(sheet(Period.day(DAY.plusDays(1))).total().get(Metric.SUBSCRIBED_FEN)).isEqualTo(50_000_000L);
        assertThat(sheet(Period.day(DAY.plusDays(1))).total().get(Metric.SUBSCRIBED_AREA)).isEqualTo(2_000L);
        assertThat(sheet(Period.month(DAY)).total().get(Metric.SUBSCRIBED_FEN)).isEqualTo(700_000_000L);
        assertThat(sheet(Period.month(DAY)).total().get(Metric.BIG_DEPOSITS)).isEqualTo(1);
    }

    private static RefundPaid refundPaid(String voucher, String deal, String amount, LocalDate day, String paidSoFar, String remaining) {
        return new RefundPaid(voucher, "SH01", deal == null ? "lapsed-1" : "refund-" + deal, "SH01-1-902", "REFUND_APPROVED",
                new BigDecimal(amount), "TRANSFER", "T-1", "钱女士", "fin", day.atStartOfDay(ZoneId.of("Asia/Shanghai")).plusHours(10).toInstant(),
                day, deal, "req-" + voucher, new BigDecimal("50000.00"), new BigDecimal(paidSoFar), new BigDecimal(remaining),
                new BigDecimal(remaining).signum() == 0);
    }

    /** A unit of building 1 held by rep1 for K1 and signed for a big deposit with rep1's whole share, provisional. */
    private List<Fact<?>> sold(String deal, String unitId) {
        String label = unitId.substring("SH01-".length());
        return list(fact(new UnitAdded(unitId, "SH01", label, "1", label, 5, "两室", new BigDecimal("100.00"), new BigDecimal("6500000.00"),
                        "南", "A", "IMPORT", "imp-1", 1, "ctl", AT)),
                fact(new UnitHeld(unitId, "SH01", label, deal, "K1", "rep1", "王芳", AT, AT.plusSeconds(3600))),
                fact(new BigDepositSigned(deal, "SH01", unitId, label, "K1", "rep1", new BigDecimal("6500000.00"), new BigDecimal("200000.00"),
                        "RG-" + deal, AT)),
                fact(new CreditRecorded(deal, "SH01", unitId, List.of(new CreditRecorded.Share("rep1", BigDecimal.ONE, 100)), "R-ATT-1",
                        false, true, AT)));
    }

    private static ContractSigned contract(String deal, String unitId, String label, Instant at) {
        return new ContractSigned(deal, "SH01", unitId, label, "K1", "孙丽华", "rep1", "王芳", "HT-" + deal, new BigDecimal("6500000.00"),
                new BigDecimal("200000.00"), List.of(), LocalDate.ofInstant(at, ZoneId.of("Asia/Shanghai")), null, false,
                List.of(new CreditRecorded.Share("rep1", BigDecimal.ONE, 100)), "rep1", at);
    }

    private static BreachRuled breach(String deal, String ruling, Instant at) {
        return new BreachRuled("br-" + ruling, deal, "SH01", "SH01-1-602", "1-602", "K1", ruling, new BigDecimal("1000.00"),
                new BigDecimal("200000.00"), BigDecimal.ZERO, "逾期", List.of(), "mgr", at);
    }

    private static PaymentRecorded payment(String receipt, String deal, String kind, String amount) {
        return new PaymentRecorded(receipt, "SH01", "due-" + receipt, deal, "SH01-1-801", kind, new BigDecimal(amount), "TRANSFER", null,
                BigDecimal.ZERO, true, null, "fin", AT.plusSeconds(3 * 86_400), DAY.plusDays(3));
    }

    private static VisitRegistered visit(String id, String servedBy, String customer) {
        return new VisitRegistered(id, "SH01", id, AT, "138****5678", "孙", customer, servedBy, servedBy != null, servedBy == null,
                false, null, null, null, "desk");
    }

    private static VisitAttributed attributed(String visit, String customer, String servedBy) {
        return new VisitAttributed(visit, "SH01", customer, "A-1", "138****5678", servedBy, ServingRole.RECEIVER, true, servedBy, null,
                "R-ATT-1", "首次登记", List.of(), null, AT);
    }

    private Sheet stock() {
        return store.sheets.getOrDefault(SheetId.stock("SH01"), Sheet.empty(SheetId.stock("SH01")));
    }

    private Sheet day() {
        return sheet(Period.day(DAY));
    }

    private Sheet sheet(Period period) {
        return store.sheets.getOrDefault(SheetId.of("SH01", period), Sheet.empty(SheetId.of("SH01", period)));
    }

    private Projecting.Outcome apply(List<Fact<?>> facts) {
        Projecting.Outcome outcome = projecting.project(facts, store, shanghai);
        store.commit(ProjectionStore.Commit.of(outcome, Map.of(), 0));
        return outcome;
    }

    private static <P> Fact<P> fact(P payload) {
        var contract = EventContracts.of(payload.getClass());
        return new Fact<>(UUID.randomUUID().toString(), contract.type(), contract.version(), AT, "SH01", "test", payload);
    }

    /** The store in memory: what the projection reads and commits. */
    private static final class Memory implements ProjectionStore {
        final Map<EntryRef, Entry> entries = new HashMap<>();
        final Map<SheetId, Sheet> sheets = new HashMap<>();

        @Override
        public Map<EntryRef, Entry> entries(Collection<EntryRef> refs) {
            Map<EntryRef, Entry> found = new HashMap<>();
            refs.forEach(ref -> {
                if (entries.containsKey(ref)) {
                    found.put(ref, entries.get(ref));
                }
            });
            return found;
        }

        @Override
        public Map<SheetId, Sheet> sheets(Collection<SheetId> ids) {
            Map<SheetId, Sheet> found = new HashMap<>();
            ids.forEach(id -> {
                if (sheets.containsKey(id)) {
                    found.put(id, sheets.get(id));
                }
            });
            return found;
        }

        @Override
        public void commit(Commit commit) {
            List<Entry> all = new ArrayList<>(commit.entries());
            all.addAll(commit.newEntries());
            for (Entry entry : all) {
                var kind = io.anchang.reporting.domain.EntryKind.ALL.stream().filter(k -> k.type().isInstance(entry)).findFirst().orElseThrow();
                entries.put(new EntryRef(kind, entry.id()), entry);
            }
            commit.sheets().forEach(sheet -> sheets.put(sheet.id(), sheet));
            commit.newSheets().forEach(sheet -> {
                assertThat(sheets).doesNotContainKey(sheet.id());
                sheets.put(sheet.id(), sheet);
            });
        }

        @Override
        public Map<String, Long> positions() {
            return Map.of();
        }

        @Override
        public void recover() {
        }
    }

    static List<Fact<?>> list(Fact<?>... facts) {
        return new ArrayList<>(List.of(facts));
    }
}
