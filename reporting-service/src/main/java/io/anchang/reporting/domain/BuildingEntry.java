package io.anchang.reporting.domain;

import java.util.List;

/** A building of the site's project (R-DEAL-1): its code and the name the sales statistics show. Its id is {@code site|code}. */
public record BuildingEntry(String id, String siteId, String code, String name, Seen seen) implements Entry {

    public static BuildingEntry empty(String id, String siteId) {
        return new BuildingEntry(id, siteId, null, null, Seen.NONE);
    }

    public static String idOf(String site, String code) {
        return site + "|" + code;
    }

    public BuildingEntry registered(String code, String name) {
        return new BuildingEntry(id, siteId, code, name, seen);
    }

    @Override
    public BuildingEntry seeing(String eventId) {
        return new BuildingEntry(id, siteId, code, name, seen.plus(eventId));
    }

    @Override
    public List<Contribution> contributions() {
        return List.of();
    }
}
