package io.anchang.reporting.adapter.web;

import io.anchang.platform.security.Caller;
import io.anchang.reporting.application.forms.HeadOffice;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import org.springframework.core.io.buffer.DataBuffer;

/** R-RPT-6: head office across sites — HEAD_OFFICE every site, a MANAGER their own sites only. */
@RestController
@RequestMapping("/api/reports/head-office")
@Tag(name = "总部 Head office")
@ApiResponse(responseCode = "200", description = "the report (JSON), or its download", content = {
        @Content(mediaType = "application/json", schema = @Schema(implementation = Report.class)),
        @Content(mediaType = Exports.XLSX), @Content(mediaType = "text/csv")})
public class HeadOfficeController {

    private final HeadOffice headOffice;
    private final Answers answers;

    public HeadOfficeController(HeadOffice headOffice, Answers answers) {
        this.headOffice = headOffice;
        this.answers = answers;
    }

    @Operation(summary = "R-RPT-6 集团各案场销售汇总表: every site side by side and in total, ranked by amount subscribed, with targets, sell-through and the change against the period before")
    @GetMapping
    public Mono<ResponseEntity<Flux<DataBuffer>>> overview(Caller caller,
                                            @Parameter(description = "MONTH (default), WEEK or DAY") @RequestParam(required = false) String period,
                                            @Parameter(description = "a day in the period; today (Asia/Shanghai) if left out") @RequestParam(required = false) String date,
                                            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                            @RequestParam(required = false) String format) {
        Inputs.Format as = Inputs.format(format);
        Period range = Inputs.range(from, to);
        return answers.answer(headOffice.overview(caller, range, Inputs.kind(period, Period.Kind.MONTH), Inputs.date(date, "date")), as);
    }

    @Operation(summary = "R-RPT-6 trends: one measure by week or month for the last periods, per site and in total (for charts)")
    @GetMapping("/trends")
    public Mono<ResponseEntity<Flux<DataBuffer>>> trends(Caller caller,
                                          @Parameter(description = "WEEK or MONTH (default)") @RequestParam(required = false) String unit,
                                          @Parameter(description = "periods, 2 to 24 (default 12)") @RequestParam(required = false) Integer count,
                                          @RequestParam(required = false) String date,
                                          @Parameter(description = "the measure, e.g. subscribedAmount (default), visits, bigDeposits, collected") @RequestParam(required = false) String measure,
                                          @RequestParam(required = false) String format) {
        Inputs.Format as = Inputs.format(format);
        return answers.answer(headOffice.trends(caller, Inputs.kind(unit, Period.Kind.MONTH), count == null ? 12 : count,
                Inputs.date(date, "date"), measure == null ? "subscribedAmount" : measure), as);
    }
}
