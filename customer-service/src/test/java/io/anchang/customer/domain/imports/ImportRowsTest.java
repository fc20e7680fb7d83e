package io.anchang.customer.domain.imports;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ImportRowsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final List<String> HEADER = List.of("档案编号", "姓名", "电话", "来源", "置业顾问", "登记日期");

    private static ImportRows.Archive archive(Map<String, ImportRows.Known> byPhone, Map<String, String> numbers) {
        return new ImportRows.Archive("SH01", SHANGHAI, LocalDate.of(2026, 12, 6), byPhone, numbers,
                name -> name.equals("张伟") || name.equals("sh01-sales1") ? Optional.of("sh01-sales1") : Optional.empty());
    }

    private static ImportRows.Result read(ImportRows.Archive archive, List<String>... rows) {
        List<List<String>> table = new java.util.ArrayList<>();
        table.add(HEADER);
        table.addAll(List.of(rows));
        return ImportRows.read(table, archive, row -> "id-" + row);
    }

    @Test
    @DisplayName("R-CUS-2 R-CUS-3 rows become customers with the office's archive numbers, owners and original registrations")
    void rightRows() {
        ImportRows.Result result = read(archive(Map.of(), Map.of()),
                List.of("A-0001", "孙丽华", "138 0013 8000", "来访", "张伟", "2024-03-15 14:30"),
                List.of("", "周先生", "+86-139-0000-0101", "", "", "2024/7/1"));
        assertThat(result.errors()).isEmpty();
        assertThat(result.rows()).extracting(ImportJob.Row::archiveNo).containsExactly("A-0001", null);
        assertThat(result.rows().get(0).owner()).isEqualTo("sh01-sales1");
        assertThat(result.rows().get(0).registeredAt()).isEqualTo(LocalDateTime.of(2024, 3, 15, 14, 30).atZone(SHANGHAI).toInstant());
        assertThat(result.rows().get(1).source()).isEqualTo("VISIT");
        assertThat(result.rows().get(1).phones()).containsExactly("+8613900000101");
    }

    @Test
    @DisplayName("R-CUS-2 every row's problem is named with its row number and nothing is imported")
    void everyProblemIsNamed() {
        ImportRows.Result result = read(archive(Map.of(), Map.of("B-0009", "other")),
                List.of("A-0001", "孙丽华", "138 0013 8000", "来访", "张伟", "2024-03-15"),
                List.of("A-0002", "周先生", "12345", "来访", "", "2024-02-30"),
                List.of("A-0001", "吴先生", "13800138000", "路过", "王五", ""),
                List.of("B-0009", "郑女士", "136 0000 0104", "来访", "", "2030-01-01"),
                List.of("SH01-000123", "钱先生", "135 0000 0105", "来访", "", "2024-01-01"));
        assertThat(result.rows()).isEmpty();
        assertThat(result.errors()).extracting(ImportRows.RowError::row).containsExactly(3, 4, 5, 6);
        assertThat(result.errors().get(0).message()).contains("第 3 行", "电话无效", "登记日期");
        assertThat(result.errors().get(1).message()).contains("与第 2 行重复", "档案编号 A-0001", "来源", "王五", "登记日期必填");
        assertThat(result.errors().get(2).message()).contains("已被档案中的其他客户使用", "2030-01-01");
        assertThat(result.errors().get(3).message()).contains("系统自动编号");
    }

    @Test
    @DisplayName("R-CUS-3 a row that is already the archive's customer, as the row says, is unchanged; the same phone with another registration is a problem")
    void reimportChangesNothing() {
        Instant registered = LocalDateTime.of(2024, 3, 15, 9, 0).atZone(SHANGHAI).toInstant();
        ImportRows.Known known = new ImportRows.Known("c1", "A-0001", registered);
        ImportRows.Archive archive = archive(Map.of("+8613800138000", known), Map.of("A-0001", "c1"));
        ImportRows.Result again = read(archive, List.of("A-0001", "孙丽华", "138 0013 8000", "来访", "张伟", "2024-03-15 17:00"));
        assertThat(again.errors()).isEmpty();
        assertThat(again.rows()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(1);
        ImportRows.Result other = read(archive, List.of("A-0001", "孙丽华", "138 0013 8000", "来访", "张伟", "2024-04-15"));
        assertThat(other.errors()).singleElement().extracting(ImportRows.RowError::message).asString().contains("A-0001", "2024-03-15");
    }

    @Test
    @DisplayName("R-CUS-2 the header must name the phone and the registration date; Excel's day numbers are dates")
    void headerAndExcelDates() {
        ImportRows.Result result = ImportRows.read(List.of(List.of("姓名", "电话")), archive(Map.of(), Map.of()), row -> "x");
        assertThat(result.errors()).singleElement().extracting(ImportRows.RowError::message).asString().contains("registeredAt");
        assertThat(ImportRows.dateTime("45366")).isEqualTo(LocalDateTime.of(2024, 3, 15, 9, 0));
        assertThat(ImportRows.dateTime("45366.5")).isEqualTo(LocalDateTime.of(2024, 3, 15, 12, 0));
        assertThat(ImportRows.dateTime("2024年3月15日")).isEqualTo(LocalDateTime.of(2024, 3, 15, 9, 0));
        assertThat(ImportRows.dateTime("15/03/2024")).isNull();
    }
}
