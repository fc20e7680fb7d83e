package io.anchang.reporting.domain.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A report as the policy names it (R-RPT-7: the Chinese form name is its title): for a site (or
 * every site, for head office) and a period of the site's calendar, its tables and notes.
 *
 * @param form     the form's stable key, e.g. {@code daily}
 * @param title    the form's name, e.g. 来人来电统计表
 * @param site     the site, or null for head office across sites
 * @param paging     for registers: the page shown and the rows in all; null otherwise
 * @param sheetsRead how many counter sheets the report read: its cost, whatever the number of events behind them
 */
public record Report(String form, String title, String site, String siteName, LocalDate from, LocalDate to, String periodLabel,
                     Instant generatedAt, List<Table> tables, List<String> notes, Paging paging, int sheetsRead) {

    public Report {
        tables = List.copyOf(tables);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The page of a register: page number from 1, rows per page, rows in all. */
    public record Paging(int page, int size, long totalRows) {
    }

    /** The name a download carries: 来人来电统计表_SH01_2026-11-27. */
    public String fileName() {
        String period = from.equals(to) ? from.toString() : from + "_" + to;
        return title + (site == null ? "" : "_" + site) + "_" + period;
    }
}
