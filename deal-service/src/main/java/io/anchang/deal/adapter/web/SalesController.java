package io.anchang.deal.adapter.web;

import io.anchang.deal.adapter.print.AgreementPdf;
import io.anchang.deal.application.DepositSaga;
import io.anchang.deal.application.HoldingUnits;
import io.anchang.deal.application.UnitChanges;
import io.anchang.deal.domain.Buyer;
import io.anchang.deal.domain.DepositKind;
import io.anchang.platform.money.AmountInput;
import io.anchang.platform.security.Caller;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.anchang.platform.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Holds (R-DEAL-2), SALES_CONTROL's reservations (R-DEAL-1), deposit requests to the finance
 * desk (flow 2), the subscription agreement's PDF (R-DEAL-4) and the live stream of unit
 * changes for sales control. Nothing here marks anything paid (R-SEC-2).
 */
@RestController
@RequestMapping("/api/deals/sites/{site}")
public class SalesController {

    private final HoldingUnits holding;
    private final DepositSaga deposits;
    private final UnitChanges changes;
    private final LocalSiteDirectory directory;

    public SalesController(HoldingUnits holding, DepositSaga deposits, UnitChanges changes, LocalSiteDirectory directory) {
        this.holding = holding;
        this.deposits = deposits;
        this.changes = changes;
        this.directory = directory;
    }

    /** The header that marks the answer to a repeated write: nothing changed, the first write's result as it stands. */
    public static final String REPLAYED = "Idempotent-Replayed";

    /**
     * @param requestId the client's id of this write: a retry with the same id (after an answer that
     *                  got lost) answers the hold this id made, and holds nothing twice (issue 10)
     */
    public record HoldBody(@NotBlank @PlainText(max = 64) String customerId, @Pattern(regexp = REQUEST_ID) String requestId) {
    }

    public record ReservationBody(@NotBlank @PlainText(max = 200, multiline = true) String reason) {
    }

    public record BuyerBody(@PlainText(max = 50) String name, @Size(max = 20) String phone,
                            @PlainText(max = 200) String address, @Size(max = 10) String postcode) {
    }

    /**
     * What the rep asks the finance desk to take; amount as "20000.00" or 20000 (at most 10^10 yuan),
     * currency CNY, a discount percent from 0 to 100 with at most 2 decimals — each bounded before
     * anything computes with it (issue 9); {@code requestId} as for a hold.
     */
    public record DepositBody(@NotNull DepositKind kind, Object amount, @Size(max = 3) String currency,
                              @Digits(integer = 3, fraction = 2) @DecimalMin("0") @DecimalMax("100") BigDecimal discountPercent,
                              @Valid BuyerBody buyer, @Pattern(regexp = REQUEST_ID) String requestId) {
    }

    /** A client's request id: 1 to 64 letters, digits, dots, colons, dashes or underscores (a UUID, typically). */
    static final String REQUEST_ID = "[A-Za-z0-9._:-]{1,64}";

    @Operation(summary = "Holds an available unit for a customer of the rep's (R-DEAL-2); 409 names who has it")
    @PostMapping("/units/{unitId}/hold")
    public Mono<ResponseEntity<UnitView>> hold(Caller caller, @PathVariable String site, @PathVariable String unitId,
                                               @Valid @RequestBody HoldBody body) {
        return holding.hold(caller, site, unitId, body.customerId(), body.requestId()).map(answer -> answer(answer, HttpStatus.CREATED));
    }

    @Operation(summary = "Gives a hold up: the holder, a SUPERVISOR/MANAGER or SALES_CONTROL; with ?requestId=… a retry answers the release it made")
    @DeleteMapping("/units/{unitId}/hold")
    public Mono<ResponseEntity<UnitView>> release(Caller caller, @PathVariable String site, @PathVariable String unitId,
                                                  @RequestParam(required = false) @Pattern(regexp = REQUEST_ID) String requestId) {
        return holding.release(caller, site, unitId, requestId).map(answer -> answer(answer, HttpStatus.OK));
    }

    @Operation(summary = "SALES_CONTROL keeps an available unit off sale (R-DEAL-1)")
    @PostMapping("/units/{unitId}/reservation")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<UnitView> reserve(Caller caller, @PathVariable String site, @PathVariable String unitId,
                                  @Valid @RequestBody ReservationBody body) {
        return holding.reserve(caller, site, unitId, body.reason()).map(UnitView::of);
    }

    @Operation(summary = "SALES_CONTROL puts a reserved unit back on sale")
    @DeleteMapping("/units/{unitId}/reservation")
    public Mono<UnitView> endReservation(Caller caller, @PathVariable String site, @PathVariable String unitId) {
        return holding.endReservation(caller, site, unitId).map(UnitView::of);
    }

    @Operation(summary = "Asks the finance desk to take a small or big deposit on a held unit (or to upgrade a small deposit); only FINANCE confirms it")
    @PostMapping("/units/{unitId}/deposit-request")
    public Mono<ResponseEntity<UnitView>> requestDeposit(Caller caller, @PathVariable String site, @PathVariable String unitId,
                                                         @Valid @RequestBody DepositBody body) {
        return Mono.defer(() -> {
            Buyer buyer = body.kind() == DepositKind.BIG && body.buyer() != null
                    ? Buyer.checked(body.buyer().name(), body.buyer().phone(), body.buyer().address(), body.buyer().postcode()) : null;
            return deposits.request(caller, site, unitId, new DepositSaga.Request(body.kind(),
                    AmountInput.positive(body.amount(), body.currency(), "amount"), body.discountPercent(), buyer), body.requestId());
        }).map(answer -> answer(answer, HttpStatus.CREATED));
    }

    /** The unit as a write left it, with the write's status; a repeat's answer is marked {@value #REPLAYED}. */
    private static ResponseEntity<UnitView> answer(HoldingUnits.Answer answer, HttpStatus status) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (answer.repeated()) {
            response.header(REPLAYED, "true");
        }
        return response.body(UnitView.of(answer.unit()));
    }

    @Operation(summary = "The subscription agreement (认购书) of a big deposit as PDF, four copies")
    @GetMapping(value = "/units/{unitId}/agreement.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public Mono<ResponseEntity<byte[]>> agreement(Caller caller, @PathVariable String site, @PathVariable String unitId) {
        return deposits.agreement(caller, site, unitId)
                // the deposit request needed the site's profile, so an issued agreement always has it
                .zipWhen(unit -> directory.require(caller.scope(), site))
                .publishOn(Schedulers.boundedElastic())
                .map(t -> {
                    byte[] pdf = AgreementPdf.print(t.getT1(), t.getT2().name(), t.getT2().zone());
                    String name = t.getT1().sale().agreement().number() + ".pdf";
                    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name, StandardCharsets.UTF_8).build().toString())
                            .body(pdf);
                });
    }

    @Operation(summary = "Every unit status change of the site the moment it happens, as server-sent events (sales control's live board)")
    @GetMapping(value = "/unit-changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<UnitView>> unitChanges(Caller caller, @PathVariable String site) {
        Flux<ServerSentEvent<UnitView>> units = changes.of(caller.scope(), site)
                .map(unit -> ServerSentEvent.builder(UnitView.of(unit)).id(unit.id() + "@" + unit.version()).event("unit").build());
        Flux<ServerSentEvent<UnitView>> keepAlive = Flux.interval(Duration.ofSeconds(15))
                .map(tick -> ServerSentEvent.<UnitView>builder().comment("keep-alive").build());
        // the first event goes out at once, so the stream is open (and listening) when the caller has the headers
        return Flux.concat(Mono.just(ServerSentEvent.<UnitView>builder().comment("connected").build()), Flux.merge(units, keepAlive));
    }
}
