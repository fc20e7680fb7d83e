package io.anchang.reporting.application.forms;

import io.anchang.platform.security.Caller;
import io.anchang.platform.site.SiteProfile;
import io.anchang.reporting.application.ReadModels;
import io.anchang.reporting.application.SiteDirectory;
import io.anchang.reporting.domain.DealEntry;
import io.anchang.reporting.domain.Fen;
import io.anchang.reporting.domain.Masking;
import io.anchang.reporting.domain.Period;
import io.anchang.reporting.domain.report.Column;
import io.anchang.reporting.domain.report.Report;
import io.anchang.reporting.domain.report.Table;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * R-RPT-3: the small-deposit, big-deposit and contract registers (小订明细表, 大订明细表, 签约明细表),
 * current after each event: the deals whose step fell in the period, oldest first — a page for the
 * screen, every row for a download, streamed from the store as it is written out.
 */
public final class Registers {

    /** Which register. */
    public enum Kind {
        SMALL_DEPOSITS("small-deposits", "小订明细表", ReadModels.Step.SMALL_DEPOSIT),
        BIG_DEPOSITS("big-deposits", "大订明细表", ReadModels.Step.BIG_DEPOSIT),
        CONTRACTS("contracts", "签约明细表", ReadModels.Step.CONTRACT);

        private final String form;
        private final String title;
        private final ReadModels.Step step;

        Kind(String form, String title, ReadModels.Step step) {
            this.form = form;
            this.title = title;
            this.step = step;
        }

        public String form() {
            return form;
        }

        public String title() {
            return title;
        }
    }

    /** Rows per page at most, for the screen; a download has every row. */
    public static final int MAX_PAGE_SIZE = 500;

    /** A register's header and all its rows, to be written out as they come. */
    public record Download(Report header, List<Column> columns, Flux<Map<String, Object>> rows) {
    }

    private final ReadModels models;
    private final SiteDirectory sites;
    private final Clock clock;

    public Registers(ReadModels models, SiteDirectory sites, Clock clock) {
        this.models = models;
        this.sites = sites;
        this.clock = clock;
    }

    /** One page of the register (pages from 1). */
    public Mono<Report> page(Caller caller, String site, Kind kind, Period requested, int page, int size) {
        ReportAccess.REGISTERS.require(caller, site);
        boolean mask = ReportAccess.masksNames(caller, site);
        return sites.require(caller.scope(), site).flatMap(profile -> {
            Period period = requested != null ? requested : Period.month(LocalDate.ofInstant(clock.instant(), profile.zone()));
            long skip = (long) (page - 1) * size;
            return Mono.zip(models.countDeals(caller.scope(), site, kind.step, period.start(), period.end()),
                    models.deals(caller.scope(), site, kind.step, period.start(), period.end(), skip, size).collectList())
                    .map(both -> {
                        AtomicLong number = new AtomicLong(skip);
                        List<Map<String, Object>> rows = both.getT2().stream()
                                .map(deal -> row(kind, deal, number.incrementAndGet(), profile, mask)).toList();
                        return new Report(kind.form, kind.title, site, profile.name(), period.start(), period.end(), period.label(),
                                clock.instant(), List.of(new Table("rows", kind.title, columns(kind), rows, null)), notes(kind),
                                new Report.Paging(page, size, both.getT1()), 0);
                    });
        });
    }

    /** Every row of the register for a download, read from the store as the file is written. */
    public Mono<Download> all(Caller caller, String site, Kind kind, Period requested) {
        ReportAccess.REGISTERS.require(caller, site);
        boolean mask = ReportAccess.masksNames(caller, site);
        return sites.require(caller.scope(), site).map(profile -> {
            Period period = requested != null ? requested : Period.month(LocalDate.ofInstant(clock.instant(), profile.zone()));
            AtomicLong number = new AtomicLong();
            Flux<Map<String, Object>> rows = models.deals(caller.scope(), site, kind.step, period.start(), period.end(), 0, 0)
                    .map(deal -> row(kind, deal, number.incrementAndGet(), profile, mask));
            Report header = new Report(kind.form, kind.title, site, profile.name(), period.start(), period.end(), period.label(),
                    clock.instant(), List.of(), notes(kind), null, 0);
            return new Download(header, columns(kind), rows);
        });
    }

    private static List<String> notes(Kind kind) {
        return kind == Kind.CONTRACTS
                ? List.of("签约明细随签约事件登记：签约事件（deal.contract-signed）发布后本表自动生成，此前为空")
                : List.of("电话已隐藏中间四位（R-SEC-3）");
    }

    static List<Column> columns(Kind kind) {
        return switch (kind) {
            case SMALL_DEPOSITS -> List.of(Column.integer("no", "序号"), Column.date("day", "日期"), Column.text("unit", "房号"),
                    Column.text("building", "楼栋"), Column.decimal("area", "面积（㎡）"), Column.text("customer", "客户"),
                    Column.text("phone", "电话"), Column.text("rep", "置业顾问"), Column.money("price", "成交价（元）"),
                    Column.money("amount", "小订金额（元）"), Column.text("receiptNo", "收据号"), Column.date("lapsesOn", "失效日期"),
                    Column.text("status", "状态"));
            case BIG_DEPOSITS -> List.of(Column.integer("no", "序号"), Column.date("day", "日期"), Column.text("unit", "房号"),
                    Column.text("building", "楼栋"), Column.decimal("area", "面积（㎡）"), Column.text("customer", "客户"),
                    Column.text("phone", "电话"), Column.text("rep", "置业顾问"), Column.text("source", "客户来源"),
                    Column.money("price", "成交总价（元）"), Column.money("unitPrice", "成交单价（元/㎡）"),
                    Column.money("deposit", "已交定金（元）"), Column.text("agreementNo", "认购书编号"), Column.text("credit", "业绩分配"),
                    Column.text("status", "状态"));
            case CONTRACTS -> List.of(Column.integer("no", "序号"), Column.date("day", "签约日期"), Column.text("unit", "房号"),
                    Column.text("building", "楼栋"), Column.decimal("area", "面积（㎡）"), Column.text("customer", "客户"),
                    Column.text("phone", "电话"), Column.text("rep", "置业顾问"), Column.money("price", "合同总价（元）"),
                    Column.money("unitPrice", "合同单价（元/㎡）"), Column.text("contractNo", "合同编号"),
                    Column.date("subscribedOn", "认购日期"), Column.text("status", "状态"));
        };
    }

    static Map<String, Object> row(Kind kind, DealEntry deal, long number, SiteProfile profile, boolean mask) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("no", number);
        Function<DealEntry, LocalDate> day = switch (kind) {
            case SMALL_DEPOSITS -> d -> d.small() == null ? null : d.small().day();
            case BIG_DEPOSITS -> d -> d.big() == null ? null : d.big().day();
            case CONTRACTS -> d -> d.contract() == null ? null : d.contract().day();
        };
        row.put("day", day.apply(deal));
        row.put("unit", deal.unitLabel());
        row.put("building", deal.building());
        row.put("area", Fen.squareMetres(deal.areaHundredths()));
        row.put("customer", mask ? Masking.name(deal.displayName()) : deal.displayName());
        row.put("phone", Masking.phone(deal.phoneMasked()));
        row.put("rep", deal.repName() != null ? deal.repName() : Labels.rep(profile, deal.rep()));
        switch (kind) {
            case SMALL_DEPOSITS -> {
                row.put("price", deal.small() == null ? null : Fen.yuan(deal.smallPriceFen()));
                row.put("amount", deal.small() == null ? null : Fen.yuan(deal.small().amountFen()));
                row.put("receiptNo", deal.small() == null ? null : deal.small().receiptNo());
                row.put("lapsesOn", deal.small() == null ? null : deal.small().lapsesOn());
                row.put("status", deal.big() != null ? "已转大订" : deal.status().chinese());
            }
            case BIG_DEPOSITS -> {
                row.put("source", Labels.source(deal.source() == null ? "UNKNOWN" : deal.source()));
                // R-DEAL-7: after a unit change, the new unit's price
                row.put("price", Fen.yuan(deal.subscribedPriceFen()));
                row.put("unitPrice", Values.pricePerSquareMetre(deal.subscribedPriceFen(), deal.areaHundredths()));
                row.put("deposit", Fen.yuan(deal.big().depositFen()));
                row.put("agreementNo", deal.big().agreementNo());
                row.put("credit", credit(deal, profile));
                row.put("status", deal.status().chinese());
            }
            case CONTRACTS -> {
                row.put("price", Fen.yuan(deal.contract().priceFen()));
                row.put("unitPrice", Values.pricePerSquareMetre(deal.contract().priceFen(), deal.areaHundredths()));
                row.put("contractNo", deal.contract().contractNo());
                row.put("subscribedOn", deal.big() == null ? null : deal.big().day());
                row.put("status", deal.status().chinese());
            }
        }
        return row;
    }

    /** The shares in words: 张伟 0.5套/奖金50%，李娜 0.5套/奖金50%（暂定）. */
    static String credit(DealEntry deal, SiteProfile profile) {
        if (deal.credit() == null || deal.credit().shares().isEmpty()) {
            return "待定";
        }
        String shares = deal.credit().shares().stream().map(s -> (DealEntry.DEPARTMENT.equals(s.userId()) ? "公司（部门）"
                        : Labels.rep(profile, s.userId())) + " " + Fen.units(s.credit()).toPlainString() + "套/奖金" + s.bonusPercent() + "%")
                .collect(Collectors.joining("，"));
        String state = switch (deal.shareState()) {
            case PROVISIONAL -> "暂定";
            case FINAL -> "确定";
            case REVERSED -> "已冲回";
        };
        return shares + "（" + state + (deal.credit().needsRuling() ? "，待经理确认" : "") + "）";
    }
}
