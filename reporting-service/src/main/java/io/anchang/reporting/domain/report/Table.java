package io.anchang.reporting.domain.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One table of a report: rows keyed by the columns' keys, and the total row if the table has
 * one. A value is a String, a Long, a BigDecimal (money, decimals, percentages as fractions),
 * a LocalDate, or null (nothing to show, such as a rate over zero).
 */
public record Table(String key, String title, List<Column> columns, List<Map<String, Object>> rows, Map<String, Object> total) {

    public Table {
        columns = List.copyOf(columns);
        rows = rows.stream().map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row))).toList();
        total = total == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(total));
    }
}
