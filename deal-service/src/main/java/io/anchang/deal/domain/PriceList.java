package io.anchang.deal.domain;

import io.anchang.platform.money.AmountInput;
import io.anchang.platform.money.Decimals;
import io.anchang.platform.money.Money;
import io.anchang.platform.validation.Echo;
import io.anchang.platform.validation.PlainTextValidator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A building's price list (价目表) as a table — from a CSV or an Excel sheet — read into units
 * (R-DEAL-1). The first row names the columns, in Chinese or English: 房号/number, 楼层/floor,
 * 户型/layout, 面积/area (m², up to 2 decimals), 总价/listPrice (yuan), 朝向/orientation,
 * 等级/grade. Every row is checked and every row's error reported, with its row number as the
 * file shows it; a list with any error imports nothing. A row whose number was stored by an
 * import that was interrupted (see {@link #read(String, String, List, Set, Map)}) counts as done
 * if it is the very row that import stored.
 */
public final class PriceList {

    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,8}");

    /** The largest area a unit may have, m². */
    public static final BigDecimal MAX_AREA = new BigDecimal("10000");

    private static final Map<String, String> COLUMNS = new HashMap<>();

    static {
        alias("number", "房号", "number", "unit");
        alias("floor", "楼层", "floor");
        alias("layout", "户型", "layout");
        alias("area", "面积", "建筑面积", "area");
        alias("listPrice", "总价", "表价", "listprice", "price");
        alias("orientation", "朝向", "orientation");
        alias("grade", "等级", "grade");
    }

    private static void alias(String column, String... names) {
        for (String name : names) {
            COLUMNS.put(name.toLowerCase(Locale.ROOT), column);
        }
    }

    private PriceList() {
    }

    /** One row's problem: its number in the file (the header is row 1) and what is wrong. */
    public record RowError(int row, String message) {
    }

    /**
     * @param units         the new units, none if any row is wrong
     * @param alreadyStored the stored units that rows of the list are, by {@link Unit#sameEntryAs}: done already
     * @param errors        every row's problem
     */
    public record Result(List<Unit> units, List<Unit> alreadyStored, List<RowError> errors) {
    }

    /** Reads the table's rows (header first) into units of {@code site}'s building {@code buildingCode}. */
    public static Result read(String site, String buildingCode, List<List<String>> table, Set<String> existingNumbers) {
        return read(site, buildingCode, table, existingNumbers, Map.of());
    }

    /**
     * Reads the table's rows (header first) into units of {@code site}'s building {@code buildingCode}
     * that has units {@code existingNumbers} already. A row whose number is a key of {@code resumable}
     * — a unit an interrupted import stored — is done if it is that unit's very entry, and wrong if
     * it is not.
     */
    public static Result read(String site, String buildingCode, List<List<String>> table, Set<String> existingNumbers,
                              Map<String, Unit> resumable) {
        List<RowError> errors = new ArrayList<>();
        List<Unit> units = new ArrayList<>();
        List<Unit> done = new ArrayList<>();
        if (table.isEmpty()) {
            errors.add(new RowError(1, "文件是空的 (The file is empty)"));
            return new Result(units, done, errors);
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> header = table.get(0);
        for (int i = 0; i < header.size(); i++) {
            String column = COLUMNS.get(clean(header.get(i)).toLowerCase(Locale.ROOT));
            if (column != null) {
                index.putIfAbsent(column, i);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("number", "floor", "layout", "area", "listPrice")) {
            if (!index.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            errors.add(new RowError(1, "表头缺少列：" + String.join("、", missing) + " (The header lacks the columns " + missing
                    + "; expected 房号,楼层,户型,面积,总价,朝向,等级)"));
            return new Result(units, done, errors);
        }
        Set<String> seen = new HashSet<>();
        for (int r = 1; r < table.size(); r++) {
            List<String> row = table.get(r);
            if (row.stream().allMatch(cell -> clean(cell).isEmpty())) {
                continue;
            }
            int rowNumber = r + 1;
            List<String> problems = new ArrayList<>();
            String number = cell(row, index, "number");
            if (!CODE.matcher(number).matches()) {
                problems.add("房号应为 1-8 位字母或数字，而不是 '" + Echo.of(number) + "' (number)");
            } else if (!seen.add(number)) {
                problems.add("房号 " + number + " 在文件中重复 (number listed twice)");
            } else if (existingNumbers.contains(number) && !resumable.containsKey(number)) {
                problems.add("房号 " + number + " 已存在 (unit exists already)");
            }
            Integer floor = integer(cell(row, index, "floor"));
            if (floor == null || floor < -5 || floor > 200) {
                problems.add("楼层应为 -5 到 200 的整数，而不是 '" + Echo.of(cell(row, index, "floor")) + "' (floor)");
            }
            String layout = cell(row, index, "layout");
            if (layout.isEmpty() || layout.length() > 30 || !PlainTextValidator.plain(layout, false)) {
                problems.add("户型必填，最多 30 个字符 (layout, at most 30 characters)");
            }
            // issue 9: each number judged by its digits and exponent before anything computes with it
            BigDecimal area = decimal(cell(row, index, "area"), 5);
            if (area == null || area.signum() <= 0 || area.compareTo(MAX_AREA) > 0) {
                problems.add("面积应为大于零、不超过 10000、最多两位小数的平方米数，而不是 '" + Echo.of(cell(row, index, "area")) + "' (area)");
            }
            BigDecimal price = decimal(cell(row, index, "listPrice"), 11);
            if (price == null || price.signum() <= 0 || price.compareTo(AmountInput.MAX) > 0) {
                problems.add("总价应为大于零、不超过一百亿、最多两位小数的元数，而不是 '" + Echo.of(cell(row, index, "listPrice")) + "' (listPrice)");
            }
            for (String optional : List.of("orientation", "grade")) {
                String value = cell(row, index, optional);
                if (value.length() > 20 || !PlainTextValidator.plain(value, false)) {
                    problems.add((optional.equals("grade") ? "等级" : "朝向") + "最多 20 个字符 (" + optional + ", at most 20 characters)");
                }
            }
            if (!problems.isEmpty()) {
                errors.add(new RowError(rowNumber, "第 " + rowNumber + " 行：" + String.join("；", problems)));
                continue;
            }
            Unit unit = Unit.entered(site, buildingCode, number, floor, layout, area.setScale(2), new Money(price),
                    blankToNull(cell(row, index, "orientation")), blankToNull(cell(row, index, "grade")));
            Unit stored = resumable.get(number);
            if (stored == null) {
                units.add(unit);
            } else if (stored.sameEntryAs(unit)) {
                done.add(stored);
            } else {
                errors.add(new RowError(rowNumber, "第 " + rowNumber + " 行：房号 " + number
                        + " 已由上次中断的导入录入，与本行不同，请核对 (unit stored by an interrupted import with other values)"));
            }
        }
        if (units.isEmpty() && done.isEmpty() && errors.isEmpty()) {
            errors.add(new RowError(2, "文件中没有房源 (The file lists no units)"));
        }
        return errors.isEmpty() ? new Result(units, done, errors) : new Result(List.of(), List.of(), errors);
    }

    private static String cell(List<String> row, Map<String, Integer> index, String column) {
        Integer i = index.get(column);
        return i == null || i >= row.size() ? "" : clean(row.get(i));
    }

    private static String clean(String value) {
        return value == null ? "" : value.replace("\uFEFF", "").trim();
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private static Integer integer(String text) {
        BigDecimal value = decimal(text, 4);
        if (value == null || value.stripTrailingZeros().scale() > 0) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** A number of at most two decimals and {@code integerDigits} digits before the point, or null. */
    private static BigDecimal decimal(String text, int integerDigits) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Decimals.read(text.replace(",", ""), 2, integerDigits);
        } catch (Decimals.Refused refused) {
            return null;
        }
    }
}
