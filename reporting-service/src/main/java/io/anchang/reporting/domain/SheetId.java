package io.anchang.reporting.domain;

import java.util.Objects;

/**
 * Which sheet: a site's day, week or month, or its stock of units. The id is
 * {@code SH01|D|2026-11-27}, {@code SH01|W|W2026-11-23}, {@code SH01|M|2026-11}, {@code SH01|S|stock}:
 * the site comes first, so that a sheet is always read for one site the caller may read.
 */
public record SheetId(String site, Kind kind, String key) {

    /** The kinds of sheet kept. */
    public enum Kind {
        DAY("D"), WEEK("W"), MONTH("M"), STOCK("S");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public SheetId {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    public static SheetId of(String site, Period period) {
        Kind kind = switch (period.kind()) {
            case DAY -> Kind.DAY;
            case WEEK -> Kind.WEEK;
            case MONTH -> Kind.MONTH;
            case RANGE -> throw new IllegalArgumentException("a range is read from the sheets that cover it, it has none of its own");
        };
        return new SheetId(site, kind, period.key());
    }

    public static SheetId stock(String site) {
        return new SheetId(site, Kind.STOCK, "stock");
    }

    /** The store's id of the sheet. */
    public String id() {
        return site + "|" + kind.code() + "|" + key;
    }
}
