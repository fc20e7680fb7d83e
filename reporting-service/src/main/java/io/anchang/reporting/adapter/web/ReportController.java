package io.anchang.reporting.adapter.web;

import io.anchang.platform.security.Caller;
import io.anchang.reporting.application.forms.BonusReport;
import io.anchang.reporting.application.forms.Registers;
import io.anchang.reporting.application.forms.SiteForms;
import io.anchang.reporting.domain.Period;
import io.anchang.reporting.domain.report.Report;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * A site's forms and registers (R-RPT-1..5, 7). Each answers JSON — a report of typed tables
 * ({@link Report}) for the screens — or, with {@code format=xlsx} or {@code format=csv}, the
 * same as a download titled with the form's Chinese name. Periods are the site's calendar; a
 * week runs Monday to Sunday.
 */
@RestController
@RequestMapping("/api/reports/sites/{site}")
@Tag(name = "报表 Reports of a site")
@ApiResponse(responseCode = "200", description = "the report (JSON), or its download", content = {
        @Content(mediaType = "application/json", schema = @Schema(implementation = Report.class)),
        @Content(mediaType = Exports.XLSX), @Content(mediaType = "text/csv")})
public class ReportController {

    private final SiteForms forms;
    private final Registers registers;
    private final BonusReport bonus;
    private final Answers answers;

    public ReportController(SiteForms forms, Registers registers, BonusReport bonus, Answers answers) {
        this.forms = forms;
        this.registers = registers;
        this.bonus = bonus;
        this.answers = answers;
    }

    @Operation(summary = "R-RPT-1 来人来电统计表: a day's calls, visits (first/return), new customers, holds, deposits and contracts per rep (SUPERVISOR, MANAGER, ASSISTANT, HEAD_OFFICE)")
    @GetMapping("/forms/daily")
    public Mono<ResponseEntity<Flux<DataBuffer>>> daily(Caller caller, @PathVariable String site,
                                         @Parameter(description = "the day, e.g. 2026-11-27; today at the site if left out") @RequestParam(required = false) String day,
                                         @Parameter(description = "json (default), xlsx or csv") @RequestParam(required = false) String format) {
        Inputs.Format as = Inputs.format(format);
        return answers.answer(forms.daily(caller, site, Inputs.date(day, "day")), as);
    }

    @Operation(summary = "R-RPT-2 周/月来人来电统计成交状况分析表: by rep and source, conversion visit → small deposit → big deposit → contract, change against the period before (SUPERVISOR, MANAGER, ASSISTANT, HEAD_OFFICE)")
    @GetMapping("/forms/analysis")
    public Mono<ResponseEntity<Flux<DataBuffer>>> analysis(Caller caller, @PathVariable String site,
                                            @Parameter(description = "WEEK (default) or MONTH; or DAY") @RequestParam(required = false) String period,
                                            @Parameter(description = "a day in the period; today if left out") @RequestParam(required = false) String date,
                                            @Parameter(description = "or any range: first day") @RequestParam(required = false) String from,
                                            @Parameter(description = "last day (at most 366 days)") @RequestParam(required = false) String to,
                                            @RequestParam(required = false) String format) {
        Inputs.Format as = Inputs.format(format);
        Period range = Inputs.range(from, to);
        return answers.answer(forms.analysis(caller, site, range, Inputs.kind(period, Period.Kind.WEEK), Inputs.date(date, "date")), as);
    }

    @Operation(summary = "R-RPT-3 小订明细表: the small deposits of a period (SUPERVISOR, MANAGER, ASSISTANT, FINANCE, SALES_CONTROL, HEAD_OFFICE)")
    @GetMapping("/registers/small-deposits")
    public Mono<ResponseEntity<Flux<DataBuffer>>> smallDeposits(Caller caller, @PathVariable String site, @RequestParam(required = false) String from,
                                                 @RequestParam(required = false) String to, @RequestParam(required = false) Integer page,
                                                 @Parameter(description = "rows per page, at most 500") @RequestParam(required = false) Integer size,
                                                 @RequestParam(required = false) String format) {
        return register(caller, site, Registers.Kind.SMALL_DEPOSITS, from, to, page, size, format);
    }

    @Operation(summary = "R-RPT-3 大订明细表: the big deposits of a period with their agreements and shares")
    @GetMapping("/registers/big-deposits")
    public Mono<ResponseEntity<Flux<DataBuffer>>> bigDeposits(Caller caller, @PathVariable String site, @RequestParam(required = false) String from,
                                               @RequestParam(required = false) String to, @RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size, @RequestParam(required = false) String format) {
        return register(caller, site, Registers.Kind.BIG_DEPOSITS, from, to, page, size, format);
    }

    @Operation(summary = "R-RPT-3 签约明细表: the contracts of a period (deal.contract-signed)")
    @GetMapping("/registers/contracts")
    public Mono<ResponseEntity<Flux<DataBuffer>>> contracts(Caller caller, @PathVariable String site, @RequestParam(required = false) String from,
                                             @RequestParam(required = false) String to, @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size, @RequestParam(required = false) String format) {
        return register(caller, site, Registers.Kind.CONTRACTS, from, to, page, size, format);
    }

    private Mono<ResponseEntity<Flux<DataBuffer>>> register(Caller caller, String site, Registers.Kind kind, String from, String to, Integer page,
                                             Integer size, String format) {
        Inputs.Format as = Inputs.format(format);
        Period period = Inputs.range(from, to);
        // a wrong page or size is refused for a download too, though a download holds every row: never silently ignored
        int pageNo = Inputs.page(page);
        int pageSize = Inputs.size(size);
        if (as == Inputs.Format.JSON) {
            return answers.answer(registers.page(caller, site, kind, period, pageNo, pageSize), as);
        }
        return registers.all(caller, site, kind, period).map(download -> answers.download(download.header(), download.columns(),
                download.rows(), as));
    }

    @Operation(summary = "R-RPT-3 销售统计表: units per building by status, sell-through (去化率), sold area and amount, average price per m², and the period's subscriptions")
    @GetMapping("/forms/sales")
    public Mono<ResponseEntity<Flux<DataBuffer>>> sales(Caller caller, @PathVariable String site, @RequestParam(required = false) String period,
                                         @RequestParam(required = false) String date, @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to, @RequestParam(required = false) String format) {
        Inputs.Format as = Inputs.format(format);
        Period range = Inputs.range(from, to);
        return answers.answer(forms.salesStatistics(caller, site, range, Inputs.kind(period, Period.Kind.MONTH), Inputs.date(date, "date")), as);
    }

    @Operation(summary = "R-RPT-4 每周销售综合分析表: the week per rep against the month's targets, change against last week, sell-through per building, the week's big deposits (MANAGER, HEAD_OFFICE)")
    @GetMapping("/forms/weekly-sales")
    public Mono<ResponseEntity<Flux<DataBuffer>>> weeklySales(Caller caller, @PathVariable String site,
                                               @Parameter(description = "a day of the week (Monday to Sunday); this week if left out") @RequestParam(required = false) String date,
                                               @RequestParam(required = false) String format) {
        Inputs.Format as = Inputs.format(format);
        return answers.answer(forms.weeklySales(caller, site, Inputs.date(date, "date")), as);
    }

    @Operation(summary = "R-RPT-4 业务综合周报: each measure Monday to Sunday, the week and last week, the month's progress against targets, the stock (MANAGER, HEAD_OFFICE)")
    @GetMapping("/forms/weekly-business")
    public Mono<ResponseEntity<Flux<DataBuffer>>> weeklyBusiness(Caller caller, @PathVariable String site, @RequestParam(required = false) String date,
                                                  @RequestParam(required = false) String format) {
        Inputs.Format as = Inputs.format(format);
        return answers.answer(forms.weeklyBusiness(caller, site, Inputs.date(date, "date")), as);
    }

    @Operation(summary = "销售目标完成情况表: the month's targets per rep and site against what was achieved — units and amounts subscribed, contracted, collections (回款), average price per m² (MANAGER, HEAD_OFFICE)")
    @GetMapping("/forms/targets")
    public Mono<ResponseEntity<Flux<DataBuffer>>> targets(Caller caller, @PathVariable String site,
                                           @Parameter(description = "the month, e.g. 2026-11; this month if left out") @RequestParam(required = false) String month,
                                           @RequestParam(required = false) String format) {
        Inputs.Format as = Inputs.format(format);
        return answers.answer(forms.targets(caller, site, Inputs.month(month)), as);
    }

    @Operation(summary = "R-RPT-5 业绩及奖金分成表: each rep's credit and bonus shares — provisional, final, reversed apart, the house account apart — with the amounts (MANAGER, HEAD_OFFICE)")
    @GetMapping("/forms/bonus")
    public Mono<ResponseEntity<Flux<DataBuffer>>> bonus(Caller caller, @PathVariable String site, @RequestParam(required = false) String period,
                                         @RequestParam(required = false) String date, @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to, @RequestParam(required = false) String format) {
        Inputs.Format as = Inputs.format(format);
        Period range = Inputs.range(from, to);
        return answers.answer(bonus.report(caller, site, range, Inputs.kind(period, Period.Kind.MONTH), Inputs.date(date, "date")), as);
    }
}
