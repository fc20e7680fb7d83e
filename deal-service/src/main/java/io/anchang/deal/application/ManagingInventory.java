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
import io.anchang.platform.validation.Echo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * R-DEAL-1: the site's inventory — buildings and their units, entered one by one or from a
 * price list — and the sales-control board (销控表), floor by unit, with each unit's status.
 * SALES_CONTROL and the MANAGER keep the inventory; everyone of the site reads the board.
 * Every building and every unit is stored with its event, so each reaches the site's audit
 * trail (R-SEC-4).
 *
 * <h2>Adding units: all or nothing, without multi-document transactions</h2>
 * A price list, or one unit entered by hand, is an <em>addition</em> ({@link Buildings.Addition}).
 * Each unit is a document of its own, written with its {@code deal.unit-added} event in one atomic
 * insert; the addition as a whole is made atomic by its building's document:
 * <ol>
 * <li><b>Check.</b> The building's unit list and its stored units are read and every row is checked
 *     against them; a row whose number is taken is an error (400), and nothing is written.</li>
 * <li><b>Claim.</b> One conditional update of the building's document adds the addition's numbers to
 *     the unit list — only if none of them is there — and keeps the whole addition there as pending.
 *     This is the commit point: of concurrent additions sharing a number exactly one claims, and every
 *     other is answered 409 {@code units-changed-meanwhile}, having written nothing. Additions with no
 *     number in common both go in.</li>
 * <li><b>Store.</b> The units are inserted, each with its event, then the addition is taken off the
 *     pending list. Their numbers being claimed, no insert can meet another addition's unit.</li>
 * </ol>
 * <b>A crash between claim and last insert</b> leaves the addition pending on the building's document,
 * with all its units. It is rolled forward, never back: an addition still pending
 * {@code interruptedAfter} after its claim was interrupted, and the service stores its missing units
 * itself (actor {@code system:deal-service}, the event's {@code addedBy} still the clerk) — before the
 * next addition to that building is checked, and every so often for all buildings
 * ({@link #completeInterrupted}). A unit stored already is left alone, so no unit's event is written
 * twice, and the {@code imported} count of every UnitAdded is the number of units its addition does
 * store. The numbers so recovered are remembered: <b>a retried price list</b> whose rows are the very
 * units the interrupted import stored counts them as done (they are answered as {@code alreadyStored}),
 * and a row of such a number with other values is an error. Until {@code interruptedAfter} has passed,
 * a pending addition's numbers are taken like any others.
 */
public class ManagingInventory {

    private static final Caller SYSTEM = Caller.system("deal-service");
    private static final String HAND = "HAND";
    private static final String PRICE_LIST = "PRICE_LIST";

    private final Buildings buildings;
    private final Units units;
    private final LocalSiteDirectory directory;
    private final Clock clock;
    private final Duration interruptedAfter;

    public ManagingInventory(Buildings buildings, Units units, LocalSiteDirectory directory, Clock clock, Duration interruptedAfter) {
        this.buildings = buildings;
        this.units = units;
        this.directory = directory;
        this.clock = clock;
        this.interruptedAfter = interruptedAfter;
    }

    /** A building's board: its floors from the top, each with its units in number order. */
    public record Board(Buildings.Building building, List<Floor> floors, Map<String, Long> counts) {
    }

    public record Floor(int floor, List<Unit> units) {
    }

    /** What an addition stored, and the units of it that an interrupted import of the same rows had stored already. */
    public record Added(List<Unit> added, List<Unit> alreadyStored) {

        public List<Unit> all() {
            return Stream.concat(added.stream(), alreadyStored.stream()).toList();
        }
    }

    public Mono<Buildings.Building> addBuilding(Caller caller, String site, String code, String name, String project) {
        caller.requireOn(site, Role.SALES_CONTROL, Role.MANAGER);
        if (!PriceList.CODE.matcher(code).matches()) {
            throw ProblemException.invalid("building-code-invalid", "楼栋编号应为 1-8 位字母或数字 (A building code has 1 to 8 letters or digits, not '" + Echo.of(code) + "')");
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

    /** One unit entered by hand, checked like a row of a price list; an addition of its own. */
    public Mono<Unit> addUnit(Caller caller, String site, String buildingCode, String number, int floor, String layout,
                              BigDecimal area, Money listPrice, String orientation, String grade) {
        List<String> header = List.of("number", "floor", "layout", "area", "listPrice", "orientation", "grade");
        List<String> row = java.util.Arrays.asList(number, String.valueOf(floor), layout, area == null ? "" : area.toPlainString(),
                listPrice.amount().toPlainString(), orientation, grade);
        return add(caller, site, buildingCode, List.of(header, row), HAND).map(added -> added.all().get(0));
    }

    /**
     * Whether the caller may import a price list into this building: SALES_CONTROL or MANAGER of the
     * site, and a building that exists — checked before the file is read at all (issue 9).
     */
    public Mono<Buildings.Building> mayImport(Caller caller, String site, String buildingCode) {
        return Mono.defer(() -> {
            caller.requireOn(site, Role.SALES_CONTROL, Role.MANAGER);
            return building(caller, site, buildingCode);
        });
    }

    /** A whole building's price list: every row checked, every row's error reported, nothing imported unless all are right. */
    public Mono<Added> importPriceList(Caller caller, String site, String buildingCode, List<List<String>> table) {
        return add(caller, site, buildingCode, table, PRICE_LIST);
    }

    /**
     * Stores the units of every addition interrupted by {@code now} (claimed more than
     * {@code interruptedAfter} before and still pending), at every site.
     *
     * @return how many additions it completed
     */
    public Mono<Long> completeInterrupted(Instant now) {
        return buildings.pendingClaimedBy(now.minus(interruptedAfter)).concatMap(this::recover).count();
    }

    private Mono<Added> add(Caller caller, String site, String buildingCode, List<List<String>> table, String source) {
        caller.requireOn(site, Role.SALES_CONTROL, Role.MANAGER);
        Instant now = clock.instant();
        return building(caller, site, buildingCode)
                .then(recoverInterrupted(caller, site, buildingCode, now))
                .then(Mono.zip(buildings.unitList(caller.scope(), site, buildingCode),
                        units.ofBuilding(caller.scope(), site, buildingCode).collectMap(Unit::number)))
                .flatMap(known -> {
                    Buildings.UnitList list = known.getT1();
                    Map<String, Unit> stored = known.getT2();
                    Set<String> taken = new HashSet<>(list.numbers());
                    taken.addAll(stored.keySet());
                    Map<String, Unit> resumable = new HashMap<>(stored);
                    resumable.keySet().retainAll(list.recovered());
                    PriceList.Result result = PriceList.read(site, buildingCode, table, taken, resumable);
                    if (!result.errors().isEmpty()) {
                        return Mono.error(new ProblemException(400, "price-list-invalid", "Invalid request",
                                "价目表有 " + result.errors().size() + " 处错误，未导入任何房源 (The price list has "
                                        + result.errors().size() + " errors; nothing was imported): " + result.errors().get(0).message(),
                                // at most the first 100 rows' errors: the count says how many there are
                                Map.of("errors", result.errors().subList(0, Math.min(100, result.errors().size())),
                                        "errorCount", result.errors().size())));
                    }
                    Added added = new Added(result.units(), result.alreadyStored());
                    if (result.units().isEmpty()) {
                        return Mono.just(added);
                    }
                    Buildings.Addition addition = new Buildings.Addition(UUID.randomUUID().toString(), site, buildingCode, source,
                            result.units(), caller.userId(), now);
                    return buildings.claim(caller, addition).flatMap(claimed -> claimed
                            ? store(caller, addition).thenReturn(added)
                            : buildings.unitList(caller.scope(), site, buildingCode).flatMap(after -> Mono.error(lost(addition, after))));
                });
    }

    /** Rolls forward the building's additions interrupted by {@code now}, so that the new one is checked against their units. */
    private Mono<Void> recoverInterrupted(Caller caller, String site, String buildingCode, Instant now) {
        return buildings.unitList(caller.scope(), site, buildingCode)
                .flatMapMany(list -> Flux.fromIterable(list.pending()))
                .filter(pending -> !pending.at().isAfter(now.minus(interruptedAfter)))
                .concatMap(this::recover)
                .then();
    }

    /** The claimed addition's units, then its end as pending; a failure leaves it to be completed as interrupted. */
    private Mono<Void> store(Caller caller, Buildings.Addition addition) {
        return units.add(caller, addition.units(), unit -> added(addition, unit, false))
                .then(buildings.stored(caller, addition))
                .onErrorMap(e -> !(e instanceof ProblemException), e -> {
                    long minutes = Math.max(1, interruptedAfter.toMinutes());
                    return new ProblemException(503, "addition-incomplete", "Service Unavailable", "房源已登记，但未能全部保存；系统将在 "
                            + minutes + " 分钟后自动补全，无需重新录入 (The units are claimed but not all were stored; the service completes them within "
                            + minutes + " minutes, no need to enter them again)", Map.of("additionId", addition.id()));
                });
    }

    /** Rolls an interrupted addition forward: the units it did not store, then its numbers as recovered. */
    private Mono<Buildings.Addition> recover(Buildings.Addition addition) {
        return units.add(SYSTEM, addition.units(), unit -> added(addition, unit, true))
                .then(buildings.recovered(SYSTEM, addition))
                .thenReturn(addition);
    }

    /** The 409 of an addition that lost the claim to another sharing some of its numbers. */
    private static ProblemException lost(Buildings.Addition addition, Buildings.UnitList after) {
        List<String> taken = addition.numbers().stream().filter(after.numbers()::contains).sorted().toList();
        String what = addition.priceList() ? "导入" : "录入";
        return new ProblemException(409, "units-changed-meanwhile", "Conflict",
                "本楼栋的房源刚被他人修改，请刷新后重新" + what + "：房号 " + String.join("、", taken) + " 刚被他人录入，本次未"
                        + what + "任何房源 (Units of building " + addition.buildingCode() + " were entered by someone else meanwhile: "
                        + taken + "; nothing was stored. Reload the board and try again)",
                Map.of("units", taken));
    }

    /** R-SEC-4: the unit's entry on the audit trail, with its number and list price, and the size of its addition. */
    private static PendingEvent added(Buildings.Addition addition, Unit unit, boolean recovered) {
        int imported = addition.units().size();
        String importId = addition.priceList() ? addition.id() : null;
        String reason = addition.priceList() ? "价目表导入 " + imported + " 套房源 (price list of " + imported + " units)" : null;
        if (recovered) {
            reason = (reason == null ? "" : reason + "；") + "录入中断后由系统补全 (stored by the service after the addition was interrupted)";
        }
        return PendingEvent.of(unit.siteId(), unit.id(), new UnitAdded(unit.id(), unit.siteId(), unit.label(), unit.buildingCode(),
                        unit.number(), unit.floor(), unit.layout(), unit.area(), unit.listPrice().amount(), unit.orientation(),
                        unit.grade(), addition.source(), importId, imported, addition.by(), addition.at()))
                .because(reason);
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
                "案场 " + site + " 没有楼栋 " + Echo.of(code) + " (No building " + Echo.of(code) + " at site " + site + ")")));
    }

    static ProblemException unknownUnit(String unitId) {
        return ProblemException.notFound("unit-unknown", "没有房源 " + Echo.of(unitId) + " (No unit " + Echo.of(unitId) + ")");
    }
}
