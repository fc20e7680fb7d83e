package io.anchang.reporting.application.projection;

import io.anchang.platform.api.attribution.ServingRole;
import io.anchang.platform.events.EventContracts;
import io.anchang.platform.events.customer.CustomerRegistered;
import io.anchang.platform.events.customer.VisitAttributed;
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

    private static VisitRegistered visit(String id, String servedBy, String customer) {
        return new VisitRegistered(id, "SH01", id, AT, "138****5678", "孙", customer, servedBy, servedBy != null, servedBy == null,
                false, null, null, null, "desk");
    }

    private static VisitAttributed attributed(String visit, String customer, String servedBy) {
        return new VisitAttributed(visit, "SH01", customer, "A-1", "138****5678", servedBy, ServingRole.RECEIVER, true, servedBy, null,
                "R-ATT-1", "首次登记", List.of(), null, AT);
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
