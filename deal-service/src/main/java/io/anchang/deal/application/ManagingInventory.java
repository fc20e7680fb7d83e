package io.anchang.deal.application;

import io.anchang.deal.domain.PriceList;
import io.anchang.deal.domain.Unit;
import io.anchang.platform.events.deal.BuildingRegistered;
import io.anchang.platform.events.deal.UnitAdded;
import io.anchang.platform.money.Money;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.Caller;
import io.anchang.platform.site.Role;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * R-DEAL-1: the site's inventory — buildings and their units, entered one by one or from a
 * price list — and the sales-control board (销控表), floor by unit, with each unit's status.
 * SALES_CONTROL and the MANAGER keep the inventory; everyone of the site reads the board.
 * Every building and every unit is stored with its event, so each reaches the site's audit
 * trail (R-SEC-4).
 */
public class ManagingInventory {

    private final Buildings buildings;
    private final Units units;
    private final LocalSiteDirectory directory;
    private final Clock clock;

    public ManagingInventory(Buildings buildings, Units units, LocalSiteDirectory directory, Clock clock) {
        this.buildings = buildings;
        this.units = units;
        this.directory = directory;
        this.clock = clock;
    }

    /** A building's board: its floors from the top, each with its units in number order. */
    public record Board(Buildings.Building building, List<Floor> floors, Map<String, Long> counts) {
    }

    public record Floor(int floor, List<Unit> units) {
    }

    public Mono<Buildings.Building> addBuilding(Caller caller, String site, String code, String name, String project) {
        caller.requireOn(site, Role.SALES_CONTROL, Role.MANAGER);
        if (!PriceList.CODE.matcher(code).matches()) {
            throw ProblemException.invalid("building-code-invalid", "楼栋编号应为 1-8 位字母或数字 (A building code has 1 to 8 letters or digits, not '" + code + "')");
        }
        Buildings.Building building = new Buildings.Building(site, code, name, project);
        PendingEvent registered = PendingEvent.of(site, building.id(), new BuildingRegistered(building.id(), site, code, name, project,
                caller.userId(), clock.instant()));
        return directory.require(caller.scope(), site)
                .then(buildings.add(caller, building, registered))
                .flatMap(added -> added ? Mono.just(building) : Mono.error(ProblemException.conflict("building-exists",
                        "楼栋 " + code + " 已存在 (Building " + code + " exists already)")));
    }

    public Flux<Buildings.Building> buildings(Caller caller, String site) {
        caller.scope().requireRead(site);
        return buildings.all(caller.scope(), site);
    }

    /** One unit entered by hand, checked like a row of a price list. */
    public Mono<Unit> addUnit(Caller caller, String site, String buildingCode, String number, int floor, String layout,
                              BigDecimal area, Money listPrice, String orientation, String grade) {
        List<String> header = List.of("number", "floor", "layout", "area", "listPrice", "orientation", "grade");
        List<String> row = java.util.Arrays.asList(number, String.valueOf(floor), layout, area == null ? "" : area.toPlainString(),
                listPrice.amount().toPlainString(), orientation, grade);
        return add(caller, site, buildingCode, List.of(header, row), false).map(units -> units.get(0));
    }

    /** A whole building's price list: every row checked, every row's error reported, nothing imported unless all are right. */
    public Mono<List<Unit>> importPriceList(Caller caller, String site, String buildingCode, List<List<String>> table) {
        return add(caller, site, buildingCode, table, true);
    }

    private Mono<List<Unit>> add(Caller caller, String site, String buildingCode, List<List<String>> table, boolean priceList) {
        caller.requireOn(site, Role.SALES_CONTROL, Role.MANAGER);
        return building(caller, site, buildingCode)
                .flatMap(building -> units.ofBuilding(caller.scope(), site, buildingCode).map(Unit::number).collect(Collectors.toSet()))
                .flatMap(existing -> {
                    PriceList.Result result = PriceList.read(site, buildingCode, table, existing);
                    if (!result.errors().isEmpty()) {
                        return Mono.error(new ProblemException(400, "price-list-invalid", "Invalid request",
                                "价目表有 " + result.errors().size() + " 处错误，未导入任何房源 (The price list has "
                                        + result.errors().size() + " errors; nothing was imported): " + result.errors().get(0).message(),
                                Map.of("errors", result.errors())));
                    }
                    Instant now = clock.instant();
                    String importId = priceList ? UUID.randomUUID().toString() : null;
                    int imported = result.units().size();
                    return units.add(caller, result.units(), unit -> added(caller, unit, importId, imported, now))
                            .flatMap(stored -> stored ? Mono.just(result.units()) : Mono.error(ProblemException.conflict("unit-exists", "部分房源刚被他人录入，请刷新后重试 (Some units were entered meanwhile; reload and try again)")));
                });
    }

    /** R-SEC-4: the unit's entry on the audit trail, with its number and list price. */
    private static PendingEvent added(Caller caller, Unit unit, String importId, int imported, Instant at) {
        return PendingEvent.of(unit.siteId(), unit.id(), new UnitAdded(unit.id(), unit.siteId(), unit.label(), unit.buildingCode(),
                        unit.number(), unit.floor(), unit.layout(), unit.area(), unit.listPrice().amount(), unit.orientation(),
                        unit.grade(), importId == null ? "HAND" : "PRICE_LIST", importId, imported, caller.userId(), at))
                .because(importId == null ? null : "价目表导入 " + imported + " 套房源 (price list of " + imported + " units)");
    }

    public Mono<Board> board(Caller caller, String site, String buildingCode) {
        return building(caller, site, buildingCode).flatMap(building -> units.ofBuilding(caller.scope(), site, buildingCode)
                .collectList().map(list -> {
                    Map<Integer, List<Unit>> byFloor = new TreeMap<>(Comparator.reverseOrder());
                    list.forEach(unit -> byFloor.computeIfAbsent(unit.floor(), f -> new java.util.ArrayList<>()).add(unit));
                    List<Floor> floors = byFloor.entrySet().stream().map(e -> new Floor(e.getKey(),
                            e.getValue().stream().sorted(Comparator.comparing(Unit::number)).toList())).toList();
                    Map<String, Long> counts = list.stream().collect(Collectors.groupingBy(u -> u.status().name(), TreeMap::new, Collectors.counting()));
                    return new Board(building, floors, counts);
                }));
    }

    public Mono<Unit> unit(Caller caller, String site, String unitId) {
        caller.scope().requireRead(site);
        return units.find(caller.scope(), site, unitId).switchIfEmpty(Mono.error(() -> unknownUnit(unitId)));
    }

    private Mono<Buildings.Building> building(Caller caller, String site, String code) {
        caller.scope().requireRead(site);
        return buildings.find(caller.scope(), site, code).switchIfEmpty(Mono.error(() -> ProblemException.notFound("building-unknown",
                "案场 " + site + " 没有楼栋 " + code + " (No building " + code + " at site " + site + ")")));
    }

    static ProblemException unknownUnit(String unitId) {
        return ProblemException.notFound("unit-unknown", "没有房源 " + unitId + " (No unit " + unitId + ")");
    }
}
