package io.anchang.reporting.application.forms;

import io.anchang.platform.security.Caller;
import io.anchang.platform.site.SiteProfile;
import io.anchang.reporting.application.ReadModels;
import io.anchang.reporting.application.SiteDirectory;
import io.anchang.reporting.application.TargetBook;
import io.anchang.reporting.domain.Axis;
import io.anchang.reporting.domain.BuildingEntry;
import io.anchang.reporting.domain.DealEntry;
import io.anchang.reporting.domain.Fen;
import io.anchang.reporting.domain.Masking;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The forms of one site (R-RPT-1, 2, 3, 4, 5 and the money and targets), read from the sheets:
 * a handful of day, week and month sheets per period and the site's stock, never the events.
 * Periods are the site's calendar; a week runs Monday to Sunday.
 */
public final class SiteForms {

    static final List<Measure> DAILY = List.of(Measure.CALLS, Measure.VISITS, Measure.FIRST_VISITS, Measure.RETURN_VISITS,
            Measure.NEW_CUSTOMERS, Measure.HOLDS, Measure.SMALL_DEPOSITS, Measure.BIG_DEPOSITS, Measure.CONTRACTS,
            Measure.SUBSCRIBED_AMOUNT);
    static final List<Measure> ANALYSIS = List.of(Measure.CALLS, Measure.VISITS, Measure.FIRST_VISITS, Measure.RETURN_VISITS,
            Measure.NEW_CUSTOMERS, Measure.SMALL_DEPOSITS, Measure.BIG_DEPOSITS, Measure.CONTRACTS, Measure.SUBSCRIBED_AMOUNT);
    static final List<Measure> CHANGE = List.of(Measure.CALLS, Measure.VISITS, Measure.FIRST_VISITS, Measure.RETURN_VISITS,
            Measure.NEW_CUSTOMERS, Measure.HOLDS, Measure.SMALL_DEPOSITS, Measure.BIG_DEPOSITS, Measure.CONTRACTS,
            Measure.CANCELLED, Measure.SUBSCRIBED_AMOUNT, Measure.CONTRACTED_AMOUNT, Measure.COLLECTED);

    private final ReadModels models;
    private final SiteDirectory sites;
    private final TargetBook targets;
    private final Clock clock;

    public SiteForms(ReadModels models, SiteDirectory sites, TargetBook targets, Clock clock) {
        this.models = models;
        this.sites = sites;
        this.targets = targets;
        this.clock = clock;
    }

    /** Today in the site's calendar. */
    public Mono<LocalDate> today(Caller caller, String site) {
        return sites.require(caller.scope(), site).map(this::today);
    }

    LocalDate today(SiteProfile site) {
        return LocalDate.ofInstant(clock.instant(), site.zone());
    }

    // ---- R-RPT-1 来人来电统计表 ----

    /** R-RPT-1: the day's calls, visits (first and return), new customers, holds, deposits and contracts per rep. */
    public Mono<Report> daily(Caller caller, String site, LocalDate requested) {
        ReportAccess.STATISTICS.require(caller, site);
        return sites.require(caller.scope(), site).flatMap(profile -> {
            LocalDate day = requested != null ? requested : today(profile);
            Period period = Period.day(day);
            return Readings.read(models, caller.scope(), List.of(site), List.of(period), false).map(read -> {
                Sheet sheet = read.period(site, period);
                List<Column> columns = new ArrayList<>();
                columns.add(Column.text("rep", "置业顾问"));
                DAILY.forEach(m -> columns.add(m.column()));
                columns.add(Column.integer("receptions", "送客（次）"));
                columns.add(Column.decimal("avgReceptionMinutes", "平均接待时长（分钟）"));
                List<Map<String, Object>> rows = new ArrayList<>();
                for (String rep : Labels.reps(profile, sheet.by(Axis.REP).keySet())) {
                    rows.add(dailyRow(Labels.rep(profile, rep), rep, sheet.of(Axis.REP, rep)));
                }
                Map<String, Object> total = dailyRow("合计", null, sheet.total());
                List<String> notes = List.of("离开未接待 " + sheet.total().get(Metric.LEFT) + " 组；来访（组）= 首访 + 复访 + 待识别 "
                        + (sheet.total().get(Metric.VISITS) - sheet.total().get(Metric.FIRST_VISITS) - sheet.total().get(Metric.RETURN_VISITS)));
                return report("daily", "来人来电统计表", profile, period, List.of(new Table("byRep", "来人来电统计表（按置业顾问）",
                        columns, rows, total)), notes, read.sheetsRead());
            });
        });
    }

    private static Map<String, Object> dailyRow(String name, String rep, Tally tally) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rep", name);
        if (rep != null) {
            row.put("userId", rep);
        }
        DAILY.forEach(m -> row.put(m.key(), m.value(tally)));
        row.put("receptions", tally.get(Metric.RECEPTIONS));
        row.put("avgReceptionMinutes", Values.minutes(tally.get(Metric.RECEPTION_SECONDS), tally.get(Metric.RECEPTIONS)));
        return row;
    }

    // ---- R-RPT-2 周/月来人来电统计成交状况分析表 ----

    /** R-RPT-2: the period's counts by rep and by source, the conversion funnel, and the change against the period before. */
    public Mono<Report> analysis(Caller caller, String site, Period requested, Period.Kind kind, LocalDate anchor) {
        ReportAccess.STATISTICS.require(caller, site);
        return sites.require(caller.scope(), site).flatMap(profile -> {
            Period period = requested != null ? requested : Period.of(kind, anchor != null ? anchor : today(profile));
            Period previous = period.previous();
            return Readings.read(models, caller.scope(), List.of(site), List.of(period, previous), false).map(read -> {
                Sheet now = read.period(site, period);
                Sheet before = read.period(site, previous);
                List<Table> tables = new ArrayList<>();
                tables.add(byRep(profile, now));
                tables.add(bySource(now));
                tables.add(funnel(now, before));
                tables.add(change("change", "与上期对比（" + previous.label() + "）", now.total(), before.total(), CHANGE));
                String title = switch (period.kind()) {
                    case WEEK -> "周来人来电统计成交状况分析表";
                    case MONTH -> "月来人来电统计成交状况分析表";
                    default -> "来人来电统计成交状况分析表";
                };
                return report("analysis", title, profile, period, tables, List.of(
                        "转化率为本期内各环节数量之比：小订、大订、签约 ÷ 来访（组）；大订→签约 = 签约 ÷ 大订",
                        "上期：" + previous.label()), read.sheetsRead());
            });
        });
    }

    private static Table byRep(SiteProfile profile, Sheet sheet) {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.text("rep", "置业顾问"));
        ANALYSIS.forEach(m -> columns.add(m.column()));
        columns.addAll(conversionColumns());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String rep : Labels.reps(profile, sheet.by(Axis.REP).keySet())) {
            Map<String, Object> row = analysisRow("rep", Labels.rep(profile, rep), sheet.of(Axis.REP, rep));
            row.put("userId", rep);
            rows.add(row);
        }
        return new Table("byRep", "按置业顾问", columns, rows, analysisRow("rep", "合计", sheet.total()));
    }

    private static Table bySource(Sheet sheet) {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.text("source", "客户来源"));
        ANALYSIS.forEach(m -> columns.add(m.column()));
        columns.addAll(conversionColumns());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String source : Labels.sources(sheet.by(Axis.SOURCE).keySet())) {
            Map<String, Object> row = analysisRow("source", Labels.source(source), sheet.of(Axis.SOURCE, source));
            row.put("code", source);
            rows.add(row);
        }
        return new Table("bySource", "按客户来源", columns, rows, analysisRow("source", "合计", sheet.total()));
    }

    private static List<Column> conversionColumns() {
        return List.of(Column.percent("visitToSmall", "来访→小订"), Column.percent("visitToBig", "来访→大订"),
                Column.percent("bigToContract", "大订→签约"));
    }

    private static Map<String, Object> analysisRow(String labelKey, String label, Tally tally) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(labelKey, label);
        ANALYSIS.forEach(m -> row.put(m.key(), m.value(tally)));
        long visits = tally.get(Metric.VISITS);
        row.put("visitToSmall", Values.rate(tally.get(Metric.SMALL_DEPOSITS), visits));
        row.put("visitToBig", Values.rate(tally.get(Metric.BIG_DEPOSITS), visits));
        row.put("bigToContract", Values.rate(tally.get(Metric.CONTRACTS), tally.get(Metric.BIG_DEPOSITS)));
        return row;
    }

    /** R-RPT-2: visit → small deposit → big deposit → contract, each step's rate, and the period before. */
    private static Table funnel(Sheet now, Sheet before) {
        List<Column> columns = List.of(Column.text("stage", "环节"), Column.integer("count", "本期"),
                Column.percent("fromPrevious", "较上一环节"), Column.percent("fromVisits", "较来访"),
                Column.integer("previous", "上期"), Column.integer("change", "增减"), Column.percent("changeRate", "增减率"));
        List<Measure> stages = List.of(Measure.VISITS, Measure.SMALL_DEPOSITS, Measure.BIG_DEPOSITS, Measure.CONTRACTS);
        List<Map<String, Object>> rows = new ArrayList<>();
        long visits = now.total().get(Metric.VISITS);
        long previousStage = -1;
        for (Measure stage : stages) {
            long count = stage.raw(now.total());
            long was = stage.raw(before.total());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", stage.title().replace("（组）", "").replace("（套）", ""));
            row.put("count", count);
            row.put("fromPrevious", previousStage < 0 ? null : Values.rate(count, previousStage));
            row.put("fromVisits", Values.rate(count, visits));
            row.put("previous", was);
            row.put("change", count - was);
            row.put("changeRate", Values.change(count, was));
            rows.add(row);
            previousStage = count;
        }
        return new Table("funnel", "成交转化（来访→小订→大订→签约）", columns, rows, null);
    }

    /** Each measure now and in the period before, the difference and the change. */
    static Table change(String key, String title, Tally now, Tally before, List<Measure> measures) {
        List<Column> columns = List.of(Column.text("item", "项目"), Column.decimal("current", "本期"),
                Column.decimal("previous", "上期"), Column.decimal("change", "增减"), Column.percent("changeRate", "增减率"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Measure measure : measures) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("item", measure.title());
            row.put("key", measure.key());
            row.put("current", measure.value(now));
            row.put("previous", measure.value(before));
            row.put("change", Values.difference(measure.metric(), measure.raw(now), measure.raw(before)));
            row.put("changeRate", Values.change(measure.raw(now), measure.raw(before)));
            rows.add(row);
        }
        return new Table(key, title, columns, rows, null);
    }

    // ---- R-RPT-3 销售统计表 ----

    /** R-RPT-3: the stock of units per building as it stands, sell-through, and the period's subscriptions per building. */
    public Mono<Report> salesStatistics(Caller caller, String site, Period requested, Period.Kind kind, LocalDate anchor) {
        ReportAccess.REGISTERS.require(caller, site);
        return sites.require(caller.scope(), site).flatMap(profile -> {
            Period period = requested != null ? requested : Period.of(kind, anchor != null ? anchor : today(profile));
            return Mono.zip(Readings.read(models, caller.scope(), List.of(site), List.of(period), true),
                    buildingNames(caller, site)).map(both -> {
                Readings read = both.getT1();
                Sheet stock = read.stock(site);
                Sheet flow = read.period(site, period);
                TreeSet<String> buildings = new TreeSet<>(stock.by(Axis.BUILDING).keySet());
                buildings.addAll(flow.by(Axis.BUILDING).keySet());
                List<Map<String, Object>> rows = new ArrayList<>();
                for (String building : buildings) {
                    rows.add(stockRow(both.getT2().getOrDefault(building, building), building, stock.of(Axis.BUILDING, building),
                            flow.of(Axis.BUILDING, building)));
                }
                return report("sales", "销售统计表", profile, period, List.of(new Table("byBuilding", "销售统计（按楼栋）",
                        stockColumns(), rows, stockRow("合计", null, stock.total(), flow.total()))), List.of(
                        "房源状态为当前状态；去化率 = 已售（大订 + 签约）÷（总套数 − 销控保留）；成交均价 = 已售金额 ÷ 已售面积",
                        "本期：" + period.label()), read.sheetsRead());
            });
        });
    }

    static List<Column> stockColumns() {
        return List.of(Column.text("building", "楼栋"), Column.integer("units", "总套数"), Column.integer("available", "可售"),
                Column.integer("held", "锁定"), Column.integer("reserved", "销控保留"), Column.integer("smallDeposit", "小订"),
                Column.integer("bigDeposit", "大订"), Column.integer("contracted", "签约"), Column.integer("sold", "已售"),
                Column.percent("sellThrough", "去化率"), Column.decimal("area", "总面积（㎡）"), Column.decimal("soldArea", "已售面积（㎡）"),
                Column.money("soldAmount", "已售金额（元）"), Column.money("averagePrice", "成交均价（元/㎡）"),
                Column.integer("periodBigDeposits", "本期大订（套）"), Column.money("periodSubscribed", "本期认购金额（元）"));
    }

    static Map<String, Object> stockRow(String name, String code, Tally stock, Tally flow) {
        long sold = stock.get(Metric.UNITS_BIG_DEPOSIT) + stock.get(Metric.UNITS_CONTRACTED);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("building", name);
        if (code != null) {
            row.put("code", code);
        }
        row.put("units", stock.get(Metric.UNITS));
        row.put("available", stock.get(Metric.UNITS_AVAILABLE));
        row.put("held", stock.get(Metric.UNITS_HELD));
        row.put("reserved", stock.get(Metric.UNITS_RESERVED));
        row.put("smallDeposit", stock.get(Metric.UNITS_SMALL_DEPOSIT));
        row.put("bigDeposit", stock.get(Metric.UNITS_BIG_DEPOSIT));
        row.put("contracted", stock.get(Metric.UNITS_CONTRACTED));
        row.put("sold", sold);
        row.put("sellThrough", Values.rate(sold, stock.get(Metric.UNITS) - stock.get(Metric.UNITS_RESERVED)));
        row.put("area", Fen.squareMetres(stock.get(Metric.AREA)));
        row.put("soldArea", Fen.squareMetres(stock.get(Metric.SOLD_AREA)));
        row.put("soldAmount", Fen.yuan(stock.get(Metric.SOLD_FEN)));
        row.put("averagePrice", Values.pricePerSquareMetre(stock.get(Metric.SOLD_FEN), stock.get(Metric.SOLD_AREA)));
        row.put("periodBigDeposits", flow.get(Metric.BIG_DEPOSITS));
        row.put("periodSubscribed", Fen.yuan(flow.get(Metric.SUBSCRIBED_FEN)));
        return row;
    }

    private Mono<Map<String, String>> buildingNames(Caller caller, String site) {
        return models.buildings(caller.scope(), site).collectMap(BuildingEntry::code,
                b -> b.name() == null || b.name().isBlank() ? b.code() : b.name());
    }

    // ---- R-RPT-4 每周销售综合分析表 / 业务综合周报 ----

    /**
     * R-RPT-4 每周销售综合分析表: the week per rep with conversion and the month's progress against each rep's
     * target, the change against last week, sell-through per building, and the week's big deposits.
     */
    public Mono<Report> weeklySales(Caller caller, String site, LocalDate anchor) {
        ReportAccess.MANAGEMENT.require(caller, site);
        boolean mask = ReportAccess.masksNames(caller, site);
        return sites.require(caller.scope(), site).flatMap(profile -> {
            Period week = Period.week(anchor != null ? anchor : today(profile));
            Period previous = week.previous();
            Period monthToDate = new Period(Period.Kind.RANGE, week.end().withDayOfMonth(1), week.end());
            YearMonth month = YearMonth.from(week.end());
            return Mono.zip(Readings.read(models, caller.scope(), List.of(site), List.of(week, previous, monthToDate), true),
                    targets.find(caller.scope(), site, month), buildingNames(caller, site),
                    models.deals(caller.scope(), site, ReadModels.Step.BIG_DEPOSIT, week.start(), week.end(), 0, 500).collectList())
                    .map(all -> {
                        Readings read = all.getT1();
                        Sheet now = read.period(site, week);
                        Sheet mtd = read.period(site, Period.range(monthToDate.start(), monthToDate.end()));
                        Targets goals = all.getT2();
                        List<Column> columns = new ArrayList<>();
                        columns.add(Column.text("rep", "置业顾问"));
                        List<Measure> measures = List.of(Measure.VISITS, Measure.FIRST_VISITS, Measure.CALLS, Measure.HOLDS,
                                Measure.SMALL_DEPOSITS, Measure.BIG_DEPOSITS, Measure.CONTRACTS, Measure.SUBSCRIBED_AMOUNT, Measure.COLLECTED);
                        measures.forEach(m -> columns.add(m.column()));
                        columns.add(Column.percent("visitToBig", "来访→大订"));
                        columns.add(Column.integer("monthBigDeposits", "本月累计大订（套）"));
                        columns.add(Column.integer("monthTarget", "本月目标（套）"));
                        columns.add(Column.percent("monthProgress", "本月完成率"));
                        List<Map<String, Object>> rows = new ArrayList<>();
                        for (String rep : Labels.reps(profile, now.by(Axis.REP).keySet())) {
                            if (Axis.NO_REP.equals(rep)) {
                                continue;
                            }
                            rows.add(weeklyRow(Labels.rep(profile, rep), rep, measures, now.of(Axis.REP, rep),
                                    mtd.of(Axis.REP, rep), goals.rep(rep).units()));
                        }
                        List<Table> tables = new ArrayList<>();
                        tables.add(new Table("byRep", "本周按置业顾问", columns, rows,
                                weeklyRow("合计", null, measures, now.total(), mtd.total(), goals.site().units())));
                        tables.add(change("change", "与上周对比（" + previous.label() + "）", now.total(),
                                read.period(site, previous).total(), CHANGE));
                        Sheet stock = read.stock(site);
                        List<Map<String, Object>> buildings = new ArrayList<>();
                        for (String building : new TreeSet<>(stock.by(Axis.BUILDING).keySet())) {
                            buildings.add(stockRow(all.getT3().getOrDefault(building, building), building,
                                    stock.of(Axis.BUILDING, building), now.of(Axis.BUILDING, building)));
                        }
                        tables.add(new Table("stock", "楼栋去化", stockColumns(), buildings, stockRow("合计", null, stock.total(), now.total())));
                        tables.add(dealList("bigDeposits", "本周大订", all.getT4(), profile, mask));
                        return report("weekly-sales", "每周销售综合分析表", profile, week, tables,
                                List.of("本月累计：" + monthToDate.start() + " 至 " + monthToDate.end()), read.sheetsRead());
                    });
        });
    }

    private static Map<String, Object> weeklyRow(String name, String rep, List<Measure> measures, Tally week, Tally month, Long target) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rep", name);
        if (rep != null) {
            row.put("userId", rep);
        }
        measures.forEach(m -> row.put(m.key(), m.value(week)));
        row.put("visitToBig", Values.rate(week.get(Metric.BIG_DEPOSITS), week.get(Metric.VISITS)));
        row.put("monthBigDeposits", month.get(Metric.BIG_DEPOSITS));
        row.put("monthTarget", target);
        row.put("monthProgress", target == null ? null : Values.rate(month.get(Metric.BIG_DEPOSITS), target));
        return row;
    }

    static Table dealList(String key, String title, List<DealEntry> deals, SiteProfile profile, boolean mask) {
        List<Column> columns = List.of(Column.date("day", "日期"), Column.text("unit", "房号"), Column.text("customer", "客户"),
                Column.text("phone", "电话"), Column.text("rep", "置业顾问"), Column.decimal("area", "面积（㎡）"),
                Column.money("price", "成交总价（元）"), Column.money("unitPrice", "成交单价（元/㎡）"), Column.text("status", "状态"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DealEntry deal : deals) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day", deal.big() == null ? null : deal.big().day());
            row.put("unit", deal.unitLabel());
            row.put("customer", mask ? Masking.name(deal.displayName()) : deal.displayName());
            row.put("phone", Masking.phone(deal.phoneMasked()));
            row.put("rep", deal.repName() != null ? deal.repName() : Labels.rep(profile, deal.rep()));
            row.put("area", Fen.squareMetres(deal.areaHundredths()));
            row.put("price", Fen.yuan(deal.priceFen()));
            row.put("unitPrice", Values.pricePerSquareMetre(deal.priceFen(), deal.areaHundredths()));
            row.put("status", deal.status().chinese());
            rows.add(row);
        }
        return new Table(key, title, columns, rows, null);
    }

    /**
     * R-RPT-4 业务综合周报: each measure day by day from Monday to Sunday, the week, last week and the change; the
     * month's progress against the site's targets; the stock.
     */
    public Mono<Report> weeklyBusiness(Caller caller, String site, LocalDate anchor) {
        ReportAccess.MANAGEMENT.require(caller, site);
        return sites.require(caller.scope(), site).flatMap(profile -> {
            Period week = Period.week(anchor != null ? anchor : today(profile));
            Period previous = week.previous();
            LocalDate monthStart = week.end().withDayOfMonth(1);
            Period monthToDate = Period.range(monthStart, week.end());
            List<Period> periods = new ArrayList<>(week.dates().stream().map(Period::day).toList());
            periods.add(week);
            periods.add(previous);
            periods.add(monthToDate);
            return Mono.zip(Readings.read(models, caller.scope(), List.of(site), periods, true), targets.find(caller.scope(), site, YearMonth.from(week.end())))
                    .map(both -> {
                        Readings read = both.getT1();
                        Sheet now = read.period(site, week);
                        Sheet was = read.period(site, previous);
                        List<Column> columns = new ArrayList<>();
                        columns.add(Column.text("item", "项目"));
                        String[] weekdays = {"一", "二", "三", "四", "五", "六", "日"};
                        List<LocalDate> days = week.dates();
                        for (int i = 0; i < days.size(); i++) {
                            columns.add(Column.decimal("d" + (i + 1), "周" + weekdays[i] + " " + days.get(i).getMonthValue() + "/" + days.get(i).getDayOfMonth()));
                        }
                        columns.add(Column.decimal("week", "本周合计"));
                        columns.add(Column.decimal("previous", "上周"));
                        columns.add(Column.percent("changeRate", "增减率"));
                        List<Map<String, Object>> rows = new ArrayList<>();
                        for (Measure measure : CHANGE) {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("item", measure.title());
                            row.put("key", measure.key());
                            for (int i = 0; i < days.size(); i++) {
                                row.put("d" + (i + 1), measure.value(read.period(site, Period.day(days.get(i))).total()));
                            }
                            row.put("week", measure.value(now.total()));
                            row.put("previous", measure.value(was.total()));
                            row.put("changeRate", Values.change(measure.raw(now.total()), measure.raw(was.total())));
                            rows.add(row);
                        }
                        List<Table> tables = new ArrayList<>();
                        tables.add(new Table("daily", "本周每日", columns, rows, null));
                        tables.add(progress(read.period(site, monthToDate).total(), both.getT2().site(), monthToDate));
                        Sheet stock = read.stock(site);
                        tables.add(new Table("stock", "库存与去化", stockColumns(), List.of(), stockRow("合计", null, stock.total(), now.total())));
                        return report("weekly-business", "业务综合周报", profile, week, tables,
                                List.of("上周：" + previous.label()), read.sheetsRead());
                    });
        });
    }

    /** The month so far against the site's targets, with how much of the month has passed. */
    private static Table progress(Tally month, Targets.Goal goal, Period monthToDate) {
        List<Column> columns = List.of(Column.text("item", "项目"), Column.decimal("target", "本月目标"),
                Column.decimal("achieved", "本月累计"), Column.percent("rate", "完成率"), Column.percent("timeElapsed", "时间进度"));
        YearMonth calendarMonth = YearMonth.from(monthToDate.start());
        BigDecimal elapsed = Values.rate(monthToDate.days(), calendarMonth.lengthOfMonth());
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(goalRow("认购套数", goal.units(), month.get(Metric.BIG_DEPOSITS), false, elapsed));
        rows.add(goalRow("认购金额（元）", goal.subscribedFen(), month.get(Metric.SUBSCRIBED_FEN), true, elapsed));
        rows.add(goalRow("签约金额（元）", goal.contractedFen(), month.get(Metric.CONTRACTED_FEN), true, elapsed));
        rows.add(goalRow("回款（元）", goal.collectedFen(), month.get(Metric.COLLECTED_FEN), true, elapsed));
        return new Table("progress", "本月目标进度（" + monthToDate.start() + " 至 " + monthToDate.end() + "）", columns, rows, null);
    }

    private static Map<String, Object> goalRow(String item, Long target, long achieved, boolean money, BigDecimal elapsed) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("item", item);
        row.put("target", target == null ? null : money ? Fen.yuan(target) : BigDecimal.valueOf(target));
        row.put("achieved", money ? Fen.yuan(achieved) : BigDecimal.valueOf(achieved));
        row.put("rate", target == null ? null : Values.rate(achieved, target));
        row.put("timeElapsed", elapsed);
        return row;
    }

    // ---- money and targets ----

    /**
     * 销售目标完成情况表: each rep's and the site's targets for the month against what was achieved — units and
     * amounts subscribed, amounts contracted, collections — and the month's money: average price per m², refunds owed.
     */
    public Mono<Report> targets(Caller caller, String site, YearMonth requested) {
        ReportAccess.MANAGEMENT.require(caller, site);
        return sites.require(caller.scope(), site).flatMap(profile -> {
            YearMonth month = requested != null ? requested : YearMonth.from(today(profile));
            Period period = Period.month(month.atDay(1));
            return Mono.zip(Readings.read(models, caller.scope(), List.of(site), List.of(period), true), targets.find(caller.scope(), site, month))
                    .map(both -> {
                        Sheet sheet = both.getT1().period(site, period);
                        Targets goals = both.getT2();
                        List<Column> columns = List.of(Column.text("rep", "置业顾问"),
                                Column.integer("unitsTarget", "认购套数目标"), Column.integer("units", "认购套数"), Column.percent("unitsRate", "完成率"),
                                Column.money("subscribedTarget", "认购金额目标（元）"), Column.money("subscribed", "认购金额（元）"), Column.percent("subscribedRate", "完成率"),
                                Column.money("contractedTarget", "签约金额目标（元）"), Column.money("contracted", "签约金额（元）"), Column.percent("contractedRate", "完成率"),
                                Column.money("collectedTarget", "回款目标（元）"), Column.money("collected", "回款（元）"), Column.percent("collectedRate", "完成率"));
                        TreeSet<String> named = new TreeSet<>(sheet.by(Axis.REP).keySet());
                        named.addAll(goals.reps().keySet());
                        List<Map<String, Object>> rows = new ArrayList<>();
                        for (String rep : Labels.reps(profile, named)) {
                            if (!Axis.NO_REP.equals(rep)) {
                                rows.add(targetRow(Labels.rep(profile, rep), rep, goals.rep(rep), sheet.of(Axis.REP, rep)));
                            }
                        }
                        Map<String, Object> total = targetRow("案场合计", null, goals.site(), sheet.total());
                        Sheet stock = both.getT1().stock(site);
                        List<Column> moneyColumns = List.of(Column.text("item", "项目"), Column.decimal("value", "数值"));
                        List<Map<String, Object>> money = new ArrayList<>();
                        money.add(item("认购金额（元）", Fen.yuan(sheet.total().get(Metric.SUBSCRIBED_FEN))));
                        money.add(item("认购面积（㎡）", Fen.squareMetres(sheet.total().get(Metric.SUBSCRIBED_AREA))));
                        money.add(item("认购均价（元/㎡）", Values.pricePerSquareMetre(sheet.total().get(Metric.SUBSCRIBED_FEN),
                                sheet.total().get(Metric.SUBSCRIBED_AREA))));
                        money.add(item("签约金额（元）", Fen.yuan(sheet.total().get(Metric.CONTRACTED_FEN))));
                        money.add(item("回款（元）", Fen.yuan(sheet.total().get(Metric.COLLECTED_FEN))));
                        money.add(item("应退款（元）", Fen.yuan(sheet.total().get(Metric.REFUND_DUE_FEN))));
                        money.add(item("已退款（元）", Fen.yuan(sheet.total().get(Metric.REFUNDED_FEN))));
                        money.add(item("退房金额（元）", Fen.yuan(sheet.total().get(Metric.CANCELLED_FEN))));
                        long sold = stock.total().get(Metric.UNITS_BIG_DEPOSIT) + stock.total().get(Metric.UNITS_CONTRACTED);
                        money.add(item("去化率（当前）", Values.rate(sold, stock.total().get(Metric.UNITS) - stock.total().get(Metric.UNITS_RESERVED))));
                        List<String> notes = new ArrayList<>();
                        notes.add(goals.setBy() == null ? "本月目标尚未设定（由销售经理设定）" : "目标由 " + goals.setBy() + " 于 " + goals.setAt() + " 设定");
                        return report("targets", "销售目标完成情况表", profile, period, List.of(
                                new Table("byRep", "目标与完成（按置业顾问）", columns, rows, total),
                                new Table("money", "金额汇总", moneyColumns, money, null)), notes, both.getT1().sheetsRead());
                    });
        });
    }

    private static Map<String, Object> item(String item, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("item", item);
        row.put("value", value);
        return row;
    }

    private static Map<String, Object> targetRow(String name, String rep, Targets.Goal goal, Tally tally) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rep", name);
        if (rep != null) {
            row.put("userId", rep);
        }
        long units = tally.get(Metric.BIG_DEPOSITS);
        row.put("unitsTarget", goal.units());
        row.put("units", units);
        row.put("unitsRate", goal.units() == null ? null : Values.rate(units, goal.units()));
        put(row, "subscribed", goal.subscribedFen(), tally.get(Metric.SUBSCRIBED_FEN));
        put(row, "contracted", goal.contractedFen(), tally.get(Metric.CONTRACTED_FEN));
        put(row, "collected", goal.collectedFen(), tally.get(Metric.COLLECTED_FEN));
        return row;
    }

    private static void put(Map<String, Object> row, String key, Long target, long achieved) {
        row.put(key + "Target", target == null ? null : Fen.yuan(target));
        row.put(key, Fen.yuan(achieved));
        row.put(key + "Rate", target == null ? null : Values.rate(achieved, target));
    }

    private Report report(String form, String title, SiteProfile profile, Period period, List<Table> tables, List<String> notes,
                          int sheetsRead) {
        return report(form, title, profile, period, tables, notes, sheetsRead, clock.instant());
    }

    static Report report(String form, String title, SiteProfile profile, Period period, List<Table> tables, List<String> notes,
                         int sheetsRead, java.time.Instant at) {
        return new Report(form, title, profile.code(), profile.name(), period.start(), period.end(), period.label(),
                at, tables, notes, null, sheetsRead);
    }
}
