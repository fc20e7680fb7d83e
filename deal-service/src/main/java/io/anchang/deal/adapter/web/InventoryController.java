package io.anchang.deal.adapter.web;

import io.anchang.deal.application.Buildings;
import io.anchang.deal.application.ManagingInventory;
import io.anchang.platform.money.AmountInput;
import io.anchang.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.anchang.platform.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** R-DEAL-1: buildings, units, price lists and the sales-control board (销控表) of a site. */
@RestController
@RequestMapping("/api/deals/sites/{site}")
public class InventoryController {

    private final ManagingInventory inventory;
    private final PriceListReader priceLists;

    public InventoryController(ManagingInventory inventory, PriceListReader priceLists) {
        this.inventory = inventory;
        this.priceLists = priceLists;
    }

    public record NewBuilding(@NotBlank @Size(max = 8) String code, @NotBlank @PlainText(max = 50) String name,
                              @PlainText(max = 50) String project) {
    }

    /**
     * One unit by hand; every field bounded before anything computes with it (issue 9): area in m² with
     * at most 2 decimals up to 10,000, the list price an amount up to 10^10 yuan ({@link AmountInput}).
     */
    public record NewUnit(@NotBlank @Size(max = 8) String number, @NotNull @Min(-5) @Max(200) Integer floor,
                          @NotBlank @PlainText(max = 30) String layout,
                          @NotNull @Digits(integer = 5, fraction = 2) @DecimalMin(value = "0", inclusive = false) @DecimalMax("10000") BigDecimal area,
                          Object listPrice, @Size(max = 3) String currency, @PlainText(max = 20) String orientation,
                          @PlainText(max = 20) String grade) {
    }

    /**
     * @param imported      how many units this import stored
     * @param alreadyStored how many rows were units an interrupted import of the same rows had stored already
     * @param units         the units of every row
     */
    public record Imported(int imported, int alreadyStored, List<UnitView> units) {
    }

    /** The board: floors from the top, units by number, each unit's status; counts per status. */
    public record BoardView(String site, String building, String name, String project, Map<String, Long> counts,
                            List<FloorView> floors) {
    }

    public record FloorView(int floor, List<UnitView> units) {
    }

    @Operation(summary = "Adds a building (SALES_CONTROL or MANAGER)")
    @PostMapping("/buildings")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Buildings.Building> addBuilding(Caller caller, @PathVariable String site, @Valid @RequestBody NewBuilding body) {
        return inventory.addBuilding(caller, site, body.code(), body.name(), body.project());
    }

    @Operation(summary = "The site's buildings")
    @GetMapping("/buildings")
    public Flux<Buildings.Building> buildings(Caller caller, @PathVariable String site) {
        return inventory.buildings(caller, site);
    }

    @Operation(summary = "Enters one unit (SALES_CONTROL or MANAGER)")
    @PostMapping("/buildings/{building}/units")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<UnitView> addUnit(Caller caller, @PathVariable String site, @PathVariable String building, @Valid @RequestBody NewUnit body) {
        return inventory.addUnit(caller, site, building, body.number(), body.floor(), body.layout(), body.area(),
                AmountInput.positive(body.listPrice(), body.currency(), "listPrice"), body.orientation(), body.grade()).map(UnitView::of);
    }

    @Operation(summary = "Imports a building's price list: CSV (text/csv) or Excel (.xlsx); every row's error is reported, nothing is imported unless all rows are right")
    @PostMapping(value = "/buildings/{building}/price-list", consumes = {"text/csv", PriceListFile.XLSX, "application/octet-stream"})
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Imported> importPriceList(Caller caller, @PathVariable String site, @PathVariable String building,
                                          @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
                                          @RequestBody(required = false) Mono<byte[]> file) {
        // issue 9: the role and the building first; only then is the body read, and parsed off the event loop
        return inventory.mayImport(caller, site, building)
                .then(file.defaultIfEmpty(new byte[0]))
                .flatMap(bytes -> priceLists.read(bytes, contentType))
                .flatMap(table -> inventory.importPriceList(caller, site, building, table))
                .map(added -> new Imported(added.added().size(), added.alreadyStored().size(),
                        added.all().stream().map(UnitView::of).toList()));
    }

    @Operation(summary = "The sales-control board (销控表) of a building: floor by unit, with each unit's status")
    @GetMapping("/buildings/{building}/board")
    public Mono<BoardView> board(Caller caller, @PathVariable String site, @PathVariable String building) {
        return inventory.board(caller, site, building).map(b -> new BoardView(site, b.building().code(), b.building().name(),
                b.building().project(), b.counts(),
                b.floors().stream().map(f -> new FloorView(f.floor(), f.units().stream().map(UnitView::of).toList())).toList()));
    }

    @Operation(summary = "One unit")
    @GetMapping("/units/{unitId}")
    public Mono<UnitView> unit(Caller caller, @PathVariable String site, @PathVariable String unitId) {
        return inventory.unit(caller, site, unitId).map(UnitView::of);
    }
}
