package io.anchang.deal.application;

import io.anchang.deal.domain.Unit;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Buildings of a site's projects, and the list of each building's units that serialises their
 * addition (R-DEAL-1): see {@link ManagingInventory}.
 */
public interface Buildings {

    record Building(String siteId, String code, String name, String project) {

        public String id() {
            return id(siteId, code);
        }

        /** A building's id: site and code, {@code SH01-3}. */
        public static String id(String site, String code) {
            return site + "-" + code;
        }
    }

    /**
     * Units being added to a building at once: a price list ({@code PRICE_LIST}) or one unit entered
     * by hand ({@code HAND}), by {@code by} at {@code at}. Its {@code id} is the price list's import id.
     */
    record Addition(String id, String siteId, String buildingCode, String source, List<Unit> units, String by, Instant at) {

        public Addition {
            units = List.copyOf(units);
        }

        public boolean priceList() {
            return "PRICE_LIST".equals(source);
        }

        public Set<String> numbers() {
            return units.stream().map(Unit::number).collect(Collectors.toSet());
        }
    }

    /**
     * What a building's document keeps of its units: every number claimed by an addition, the
     * additions claimed whose units are not all stored yet, and the numbers that the service
     * stored itself for an addition that was interrupted.
     */
    record UnitList(Set<String> numbers, List<Addition> pending, Set<String> recovered) {

        public UnitList {
            numbers = Set.copyOf(numbers);
            pending = List.copyOf(pending);
            recovered = Set.copyOf(recovered);
        }
    }

    Mono<Building> find(SiteScope scope, String site, String code);

    Flux<Building> all(SiteScope scope, String site);

    /** Stores the building with its event in one atomic write; false if the site has a building with this code already. */
    Mono<Boolean> add(Caller caller, Building building, PendingEvent registered);

    /** The building's unit list; empty if there is no such building. */
    Mono<UnitList> unitList(SiteScope scope, String site, String code);

    /**
     * R-DEAL-1: claims the addition's numbers for its units in one conditional atomic update of
     * the building's document, and keeps the addition there as pending — only if none of its
     * numbers is claimed already. Of concurrent additions sharing a number exactly one claims.
     *
     * @return true if claimed, false if some number was claimed meanwhile
     */
    Mono<Boolean> claim(Caller caller, Addition addition);

    /** The addition's units are all stored: it is pending no more. */
    Mono<Void> stored(Caller caller, Addition addition);

    /**
     * The service stored the units of an addition that was interrupted: it is pending no more and
     * its numbers are kept as recovered — unless it was not pending any more.
     */
    Mono<Void> recovered(Caller caller, Addition addition);

    /** Additions of every site claimed at or before {@code claimedBy} and still pending. */
    Flux<Addition> pendingClaimedBy(Instant claimedBy);
}
