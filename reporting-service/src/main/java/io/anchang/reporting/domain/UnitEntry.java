package io.anchang.reporting.domain;

import java.util.List;

/**
 * A unit of the site's inventory (销控, R-DEAL-1) as the sales statistics (销售统计表, R-RPT-3)
 * count it: in the site's stock by building, by status, with its area and list price, and —
 * sold — the price it was sold at.
 */
public record UnitEntry(String id, String siteId, String label, String building, int floor, String layout,
                        long areaHundredths, long listFen, Status status, String dealId, long dealPriceFen,
                        Seen seen) implements Entry {

    /** The statuses of R-DEAL-1. */
    public enum Status { AVAILABLE, HELD, RESERVED, SMALL_DEPOSIT, BIG_DEPOSIT, CONTRACTED }

    public static UnitEntry empty(String id, String siteId) {
        return new UnitEntry(id, siteId, null, null, 0, null, 0, 0, Status.AVAILABLE, null, 0, Seen.NONE);
    }

    public UnitEntry added(String label, String building, int floor, String layout, long areaHundredths, long listFen) {
        return new UnitEntry(id, siteId, label, building, floor, layout, areaHundredths, listFen, status, dealId, dealPriceFen, seen);
    }

    public UnitEntry moved(Status status, String dealId, long dealPriceFen) {
        return new UnitEntry(id, siteId, label, building, floor, layout, areaHundredths, listFen, status, dealId, dealPriceFen, seen);
    }

    @Override
    public UnitEntry seeing(String eventId) {
        return new UnitEntry(id, siteId, label, building, floor, layout, areaHundredths, listFen, status, dealId, dealPriceFen,
                seen.plus(eventId));
    }

    public boolean sold() {
        return status == Status.BIG_DEPOSIT || status == Status.CONTRACTED;
    }

    @Override
    public List<Contribution> contributions() {
        if (building == null) {
            return List.of();
        }
        Metric byStatus = switch (status) {
            case AVAILABLE -> Metric.UNITS_AVAILABLE;
            case HELD -> Metric.UNITS_HELD;
            case RESERVED -> Metric.UNITS_RESERVED;
            case SMALL_DEPOSIT -> Metric.UNITS_SMALL_DEPOSIT;
            case BIG_DEPOSIT -> Metric.UNITS_BIG_DEPOSIT;
            case CONTRACTED -> Metric.UNITS_CONTRACTED;
        };
        Tally tally = Tally.builder().add(Metric.UNITS, 1).add(byStatus, 1).add(Metric.AREA, areaHundredths)
                .add(Metric.LIST_FEN, listFen).add(Metric.SOLD_AREA, sold() ? areaHundredths : 0)
                .add(Metric.SOLD_FEN, sold() ? dealPriceFen : 0).build();
        return List.of(Contribution.on(siteId, null, tally, Axis.BUILDING, building));
    }
}
