package io.anchang.reporting.application.forms;

import io.anchang.platform.security.Caller;
import io.anchang.platform.site.SiteProfile;
import io.anchang.reporting.application.ReadModels;
import io.anchang.reporting.application.SiteDirectory;
import io.anchang.reporting.domain.Axis;
import io.anchang.reporting.domain.DealEntry;
import io.anchang.reporting.domain.Fen;
import io.anchang.reporting.domain.Masking;
import io.anchang.reporting.domain.Metric;
import io.anchang.reporting.domain.Period;
import io.anchang.reporting.domain.Sheet;
import io.anchang.reporting.domain.Tally;
import io.anchang.reporting.domain.report.Column;
import io.anchang.reporting.domain.report.Report;
import io.anchang.reporting.domain.report.Table;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R-RPT-5 业绩及奖金分成表: each rep's credit (业绩, in units: 0.5 套) and bonus shares of the deals whose big
 * deposit was signed in the period (R-ATT-17) — provisional until the contract, final at it, reversed when the
 * deal is refunded or cancelled for breach, each kept apart — with the amounts: the credited amount (price ×
 * credit) and the bonus base (price × bonus percent). Deals a ruling gave to the house account are shown apart.
 */
public final class BonusReport {

    /** Detail rows at most: a site's deals of a period are far fewer. */
    static final int MAX_DETAILS = 2_000;

    private final ReadModels models;
    private final SiteDirectory sites;
    private final Clock clock;

    public BonusReport(ReadModels models, SiteDirectory sites, Clock clock) {
        this.models = models;
        this.sites = sites;
        this.clock = clock;
    }

    public Mono<Report> report(Caller caller, String site, Period requested, Period.Kind kind, LocalDate anchor) {
        ReportAccess.MANAGEMENT.require(caller, site);
        boolean mask = ReportAccess.masksNames(caller, site);
        return sites.require(caller.scope(), site).flatMap(profile -> {
            Period period = requested != null ? requested
                    : Period.of(kind, anchor != null ? anchor : LocalDate.ofInstant(clock.instant(), profile.zone()));
            return Mono.zip(Readings.read(models, caller.scope(), List.of(site), List.of(period), false),
                    models.deals(caller.scope(), site, ReadModels.Step.BIG_DEPOSIT, period.start(), period.end(), 0, MAX_DETAILS).collectList())
                    .map(both -> {
                        Sheet sheet = both.getT1().period(site, period);
                        List<Map<String, Object>> rows = new ArrayList<>();
                        Tally reps = Tally.EMPTY;
                        for (String rep : Labels.reps(profile, sheet.by(Axis.REP).keySet())) {
                            if (Axis.NO_REP.equals(rep)) {
                                continue;
                            }
                            Tally tally = sheet.of(Axis.REP, rep);
                            reps = reps.plus(tally);
                            rows.add(summary(Labels.rep(profile, rep), rep, tally));
                        }
                        List<Table> tables = new ArrayList<>();
                        tables.add(new Table("byRep", "置业顾问业绩及奖金分成", summaryColumns("rep", "置业顾问"), rows,
                                summary("合计（不含公司）", null, reps)));
                        tables.add(new Table("house", "公司（部门）业绩", summaryColumns("rep", "归属"),
                                List.of(summary("公司（部门）", Axis.HOUSE, sheet.of(Axis.REP, Axis.HOUSE))), null));
                        tables.add(details(both.getT2(), profile, mask));
                        List<String> notes = List.of(
                                "业绩归属认购（大订）日期所在期间；签约前为暂定，签约后为确定，退房或违约解除后冲回，冲回不计入合计（R-ATT-17）",
                                "业绩金额 = 成交总价 × 业绩份额；计奖金额 = 成交总价 × 奖金分成比例（奖金按案场提成比例由薪酬另行计算）",
                                "经裁定归部门的业绩（R-ATT-16）单列为公司（部门）");
                        return new Report("bonus", "业绩及奖金分成表", site, profile.name(), period.start(), period.end(), period.label(),
                                clock.instant(), tables, notes, null, both.getT1().sheetsRead());
                    });
        });
    }

    private static List<Column> summaryColumns(String key, String title) {
        return List.of(Column.text(key, title),
                Column.integer("provisionalDeals", "暂定单数"), Column.decimal("provisionalCredit", "暂定业绩（套）"),
                Column.money("provisionalAmount", "暂定业绩金额（元）"), Column.money("provisionalBonusBase", "暂定计奖金额（元）"),
                Column.integer("finalDeals", "确定单数"), Column.decimal("finalCredit", "确定业绩（套）"),
                Column.money("finalAmount", "确定业绩金额（元）"), Column.money("finalBonusBase", "确定计奖金额（元）"),
                Column.integer("reversedDeals", "冲回单数"), Column.decimal("reversedCredit", "冲回业绩（套）"),
                Column.money("reversedAmount", "冲回业绩金额（元）"), Column.money("reversedBonusBase", "冲回计奖金额（元）"));
    }

    private static Map<String, Object> summary(String name, String rep, Tally tally) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rep", name);
        if (rep != null) {
            row.put("userId", rep);
        }
        row.put("provisionalDeals", tally.get(Metric.SHARES_PROVISIONAL));
        row.put("provisionalCredit", Fen.units(tally.get(Metric.CREDIT_PROVISIONAL)));
        row.put("provisionalAmount", Fen.yuan(tally.get(Metric.CREDIT_FEN_PROVISIONAL)));
        row.put("provisionalBonusBase", Fen.yuan(tally.get(Metric.BONUS_FEN_PROVISIONAL)));
        row.put("finalDeals", tally.get(Metric.SHARES_FINAL));
        row.put("finalCredit", Fen.units(tally.get(Metric.CREDIT_FINAL)));
        row.put("finalAmount", Fen.yuan(tally.get(Metric.CREDIT_FEN_FINAL)));
        row.put("finalBonusBase", Fen.yuan(tally.get(Metric.BONUS_FEN_FINAL)));
        row.put("reversedDeals", tally.get(Metric.SHARES_REVERSED));
        row.put("reversedCredit", Fen.units(tally.get(Metric.CREDIT_REVERSED)));
        row.put("reversedAmount", Fen.yuan(tally.get(Metric.CREDIT_FEN_REVERSED)));
        row.put("reversedBonusBase", Fen.yuan(tally.get(Metric.BONUS_FEN_REVERSED)));
        return row;
    }

    private static Table details(List<DealEntry> deals, SiteProfile profile, boolean mask) {
        List<Column> columns = List.of(Column.date("day", "认购日期"), Column.text("unit", "房号"), Column.text("customer", "客户"),
                Column.money("price", "成交总价（元）"), Column.text("rep", "置业顾问"), Column.decimal("credit", "业绩（套）"),
                Column.integer("bonusPercent", "奖金分成（%）"), Column.money("amount", "业绩金额（元）"),
                Column.money("bonusBase", "计奖金额（元）"), Column.text("state", "状态"), Column.text("rule", "依据"),
                Column.text("ruling", "待经理确认"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DealEntry deal : deals) {
            String state = switch (deal.shareState()) {
                case PROVISIONAL -> "暂定";
                case FINAL -> "确定";
                case REVERSED -> "已冲回";
            };
            List<DealEntry.Share> shares = deal.credit() == null ? List.of() : deal.credit().shares();
            if (shares.isEmpty()) {
                Map<String, Object> row = detail(deal, profile, mask);
                row.put("rep", deal.repName() != null ? deal.repName() : Labels.rep(profile, deal.rep()));
                row.put("state", "分成待定");
                rows.add(row);
                continue;
            }
            for (DealEntry.Share share : shares) {
                Map<String, Object> row = detail(deal, profile, mask);
                row.put("rep", DealEntry.DEPARTMENT.equals(share.userId()) ? "公司（部门）" : Labels.rep(profile, share.userId()));
                row.put("credit", Fen.units(share.credit()));
                row.put("bonusPercent", (long) share.bonusPercent());
                row.put("amount", Fen.yuan(Fen.share(deal.priceFen(), share.credit())));
                row.put("bonusBase", Fen.yuan(Fen.percent(deal.priceFen(), share.bonusPercent())));
                row.put("state", state);
                row.put("rule", deal.credit().ruleId());
                row.put("ruling", deal.credit().needsRuling() ? "是" : "否");
                rows.add(row);
            }
        }
        return new Table("details", "明细", columns, rows, null);
    }

    private static Map<String, Object> detail(DealEntry deal, SiteProfile profile, boolean mask) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("day", deal.big().day());
        row.put("unit", deal.unitLabel());
        row.put("customer", mask ? Masking.name(deal.displayName()) : deal.displayName());
        row.put("price", Fen.yuan(deal.priceFen()));
        return row;
    }
}
