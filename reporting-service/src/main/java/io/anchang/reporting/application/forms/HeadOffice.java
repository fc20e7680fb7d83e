package io.anchang.reporting.application.forms;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.SiteProfile;
import io.anchang.reporting.application.ReadModels;
import io.anchang.reporting.application.SiteDirectory;
import io.anchang.reporting.application.TargetBook;
import io.anchang.reporting.domain.Metric;
import io.anchang.reporting.domain.Period;
import io.anchang.reporting.domain.Sheet;
import io.anchang.reporting.domain.Tally;
import io.anchang.reporting.domain.Targets;
import io.anchang.reporting.domain.report.Column;
import io.anchang.reporting.domain.report.Report;
import io.anchang.reporting.domain.report.Table;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * R-RPT-6 head office (集团): every site side by side and in total, ranked, with the change against the period
 * before, and trends by week and month. Money in (回款) and money out (已退款, R-FIN-4) stand side by side. HEAD_OFFICE reads every site; a site's MANAGER sees only their own sites
 * here (R-SEC-1). A period is each site's own calendar (the same dates at every site); "today", when no date is
 * given, is head office's (Asia/Shanghai).
 */
public final class HeadOffice {

    static final ZoneId HEAD_OFFICE_ZONE = ZoneId.of("Asia/Shanghai");
    public static final int MAX_TREND_PERIODS = 24;
    static final List<Measure> SIDE_BY_SIDE = List.of(Measure.CALLS, Measure.VISITS, Measure.FIRST_VISITS, Measure.NEW_CUSTOMERS,
            Measure.SMALL_DEPOSITS, Measure.BIG_DEPOSITS, Measure.CONTRACTS, Measure.CANCELLED, Measure.SUBSCRIBED_AMOUNT,
            Measure.CONTRACTED_AMOUNT, Measure.COLLECTED, Measure.REFUNDED);

    private final ReadModels models;
    private final SiteDirectory sites;
    private final TargetBook targets;
    private final Clock clock;

    public HeadOffice(ReadModels models, SiteDirectory sites, TargetBook targets, Clock clock) {
        this.models = models;
        this.sites = sites;
        this.targets = targets;
        this.clock = clock;
    }

    /** The sites side by side for the period, in total, ranked by the amount subscribed. */
    public Mono<Report> overview(Caller caller, Period requested, Period.Kind kind, LocalDate anchor) {
        ReportAccess.HEAD_OFFICE.require(caller, null);
        Period period = requested != null ? requested : Period.of(kind, anchor != null ? anchor : LocalDate.now(clock.withZone(HEAD_OFFICE_ZONE)));
        Period previous = period.previous();
        boolean month = period.kind() == Period.Kind.MONTH;
        return sites.readable(caller.scope()).collectList().flatMap(all -> {
            List<String> codes = all.stream().map(SiteProfile::code).toList();
            Mono<Map<String, Targets>> goals = month
                    ? targets.find(caller.scope(), codes, YearMonth.from(period.start())).collectMap(Targets::siteId, Function.identity())
                    : Mono.just(Map.of());
            return Mono.zip(Readings.read(models, caller.scope(), codes, List.of(period, previous), true), goals).map(both -> {
                Readings read = both.getT1();
                List<Map<String, Object>> rows = new ArrayList<>();
                Tally total = Tally.EMPTY;
                Tally totalBefore = Tally.EMPTY;
                Tally totalStock = Tally.EMPTY;
                long totalTarget = 0;
                boolean anyTarget = false;
                for (SiteProfile site : all) {
                    Tally now = read.period(site.code(), period).total();
                    Tally before = read.period(site.code(), previous).total();
                    Tally stock = read.stock(site.code()).total();
                    Targets.Goal goal = both.getT2().getOrDefault(site.code(), Targets.none(site.code(), YearMonth.from(period.start()))).site();
                    rows.add(siteRow(site.code(), site.name(), now, before, stock, goal.subscribedFen()));
                    total = total.plus(now);
                    totalBefore = totalBefore.plus(before);
                    totalStock = totalStock.plus(stock);
                    if (goal.subscribedFen() != null) {
                        totalTarget += goal.subscribedFen();
                        anyTarget = true;
                    }
                }
                rows.sort(Comparator.comparing((Map<String, Object> row) -> (BigDecimal) row.get("subscribedAmount")).reversed()
                        .thenComparing(row -> (String) row.get("site")));
                for (int i = 0; i < rows.size(); i++) {
                    rows.get(i).put("rank", (long) (i + 1));
                }
                List<Column> columns = new ArrayList<>();
                columns.add(Column.integer("rank", "排名"));
                columns.add(Column.text("site", "案场编号"));
                columns.add(Column.text("name", "案场"));
                SIDE_BY_SIDE.forEach(m -> columns.add(m.column()));
                columns.add(Column.percent("visitToBig", "来访→大订"));
                columns.add(Column.percent("sellThrough", "去化率"));
                columns.add(Column.money("subscribedTarget", "认购金额目标（元）"));
                columns.add(Column.percent("targetRate", "目标完成率"));
                columns.add(Column.percent("subscribedChange", "认购金额环比"));
                Map<String, Object> totals = siteRow(null, "全部案场合计", total, totalBefore, totalStock, anyTarget ? totalTarget : null);
                totals.remove("site");
                List<Table> tables = List.of(
                        new Table("sites", "各案场对比（按认购金额排名）", columns, rows, totals),
                        SiteForms.change("change", "全部案场与上期对比（" + previous.label() + "）", total, totalBefore, SiteForms.CHANGE));
                return new Report("head-office", "集团各案场销售汇总表", null, null, period.start(), period.end(), period.label(),
                        clock.instant(), tables, List.of("共 " + all.size() + " 个案场；目标完成率 = 认购金额 ÷ 本月认购金额目标",
                        "客户个人信息已隐藏（R-SEC-3）"), null, read.sheetsRead());
            });
        });
    }

    private static Map<String, Object> siteRow(String code, String name, Tally now, Tally before, Tally stock, Long target) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("site", code);
        row.put("name", name);
        SIDE_BY_SIDE.forEach(m -> row.put(m.key(), m.value(now)));
        row.put("visitToBig", Values.rate(now.get(Metric.BIG_DEPOSITS), now.get(Metric.VISITS)));
        long sold = stock.get(Metric.UNITS_BIG_DEPOSIT) + stock.get(Metric.UNITS_CONTRACTED);
        row.put("sellThrough", Values.rate(sold, stock.get(Metric.UNITS) - stock.get(Metric.UNITS_RESERVED)));
        row.put("subscribedTarget", target == null ? null : io.anchang.reporting.domain.Fen.yuan(target));
        row.put("targetRate", target == null ? null : Values.rate(now.get(Metric.SUBSCRIBED_FEN), target));
        row.put("subscribedChange", Values.change(now.get(Metric.SUBSCRIBED_FEN), before.get(Metric.SUBSCRIBED_FEN)));
        return row;
    }

    /** A measure's trend by week or month: the last {@code count} periods up to the one holding {@code anchor}, per site and in total. */
    public Mono<Report> trends(Caller caller, Period.Kind unit, int count, LocalDate anchor, String measureKey) {
        ReportAccess.HEAD_OFFICE.require(caller, null);
        if (unit != Period.Kind.WEEK && unit != Period.Kind.MONTH) {
            throw ProblemException.invalid("trend-unit-invalid", "趋势按周（WEEK）或按月（MONTH） (A trend runs by WEEK or MONTH)");
        }
        if (count < 2 || count > MAX_TREND_PERIODS) {
            throw ProblemException.invalid("trend-length-invalid", "趋势期数须在 2 到 " + MAX_TREND_PERIODS + " 之间 (count must be 2.."
                    + MAX_TREND_PERIODS + ")");
        }
        Measure measure = Arrays.stream(Measure.values()).filter(m -> m.key().equals(measureKey)).findFirst()
                .orElseThrow(() -> ProblemException.invalid("measure-unknown", "没有这个指标：" + measureKey + "，可选："
                        + Arrays.stream(Measure.values()).map(Measure::key).collect(Collectors.joining(", "))
                        + " (Unknown measure)"));
        Period last = Period.of(unit, anchor != null ? anchor : LocalDate.now(clock.withZone(HEAD_OFFICE_ZONE)));
        List<Period> periods = new ArrayList<>();
        Period p = last;
        for (int i = 0; i < count; i++) {
            periods.add(0, p);
            p = p.previous();
        }
        return sites.readable(caller.scope()).collectList().flatMap(all -> Readings.read(models, caller.scope(),
                all.stream().map(SiteProfile::code).toList(), periods, false).map(read -> {
            List<Column> columns = new ArrayList<>();
            columns.add(Column.text("site", "案场编号"));
            columns.add(Column.text("name", "案场"));
            for (int i = 0; i < periods.size(); i++) {
                columns.add(measure.column().type() == Column.Type.INTEGER ? Column.integer("p" + (i + 1), periods.get(i).label())
                        : Column.money("p" + (i + 1), periods.get(i).label()));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            Map<String, Object> total = new LinkedHashMap<>();
            total.put("name", "全部案场合计");
            long[] sums = new long[periods.size()];
            for (SiteProfile site : all) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("site", site.code());
                row.put("name", site.name());
                for (int i = 0; i < periods.size(); i++) {
                    Tally tally = read.period(site.code(), periods.get(i)).total();
                    row.put("p" + (i + 1), measure.value(tally));
                    sums[i] += measure.raw(tally);
                }
                rows.add(row);
            }
            for (int i = 0; i < periods.size(); i++) {
                total.put("p" + (i + 1), measure.value(Tally.of(measure.metric(), sums[i])));
            }
            String by = unit == Period.Kind.WEEK ? "按周" : "按月";
            return new Report("trends", "集团销售趋势（" + by + "，" + measure.title() + "）", null, null, periods.get(0).start(),
                    last.end(), periods.get(0).label() + " — " + last.label(), clock.instant(),
                    List.of(new Table("trend", measure.title() + by + "趋势", columns, rows, total)),
                    List.of("周为周一至周日"), null, read.sheetsRead());
        }));
    }
}
