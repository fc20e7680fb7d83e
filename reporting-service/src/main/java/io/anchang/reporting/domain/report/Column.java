package io.anchang.reporting.domain.report;

/**
 * A column of a report's table: its key in the JSON rows, its Chinese title, and its type —
 * which the workbook keeps (numbers as numbers, dates as dates).
 */
public record Column(String key, String title, Type type) {

    /**
     * TEXT: a string; INTEGER: a whole number; MONEY: yuan with 2 decimals; DECIMAL: a number
     * with up to 4 decimals (areas, credit); PERCENT: a fraction (0.125 is 12.5%); DATE: a day.
     */
    public enum Type { TEXT, INTEGER, MONEY, DECIMAL, PERCENT, DATE }

    public static Column text(String key, String title) {
        return new Column(key, title, Type.TEXT);
    }

    public static Column integer(String key, String title) {
        return new Column(key, title, Type.INTEGER);
    }

    public static Column money(String key, String title) {
        return new Column(key, title, Type.MONEY);
    }

    public static Column decimal(String key, String title) {
        return new Column(key, title, Type.DECIMAL);
    }

    public static Column percent(String key, String title) {
        return new Column(key, title, Type.PERCENT);
    }

    public static Column date(String key, String title) {
        return new Column(key, title, Type.DATE);
    }
}
