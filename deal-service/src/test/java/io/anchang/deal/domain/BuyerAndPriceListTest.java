package io.anchang.deal.domain;

import io.anchang.platform.problem.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuyerAndPriceListTest {

    @Test
    @DisplayName("R-DEAL-4 the agreement's contact details are required and checked: phone, address, postcode")
    void contactDetailsAreChecked() {
        assertThat(Buyer.checked(" 王小明 ", "138 1234 5678", "上海市浦东新区滨江大道1号", "200120").phone()).isEqualTo("13812345678");
        assertThat(Buyer.checked("王小明", "021-62345678", "上海市浦东新区滨江大道1号", "200120").phone()).isEqualTo("021-62345678");
        for (String[] bad : List.of(
                new String[]{"", "13812345678", "上海市浦东新区滨江大道1号", "200120"},
                new String[]{"王小明", "12812345678", "上海市浦东新区滨江大道1号", "200120"},
                new String[]{"王小明", "13812345678", "上海", "200120"},
                new String[]{"王小明", "13812345678", "上海市浦东新区滨江大道1号", "20012"},
                new String[]{"王小明", null, "上海市浦东新区滨江大道1号", "200120"})) {
            assertThatThrownBy(() -> Buyer.checked(bad[0], bad[1], bad[2], bad[3]))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo("buyer-contact-invalid"));
        }
    }

    @Test
    @DisplayName("R-DEAL-1 a price list is read into units with Chinese column names")
    void aPriceListIsRead() {
        PriceList.Result result = PriceList.read("SH01", "3", List.of(
                List.of("房号", "楼层", "户型", "面积", "总价", "朝向", "等级"),
                List.of("1701", "17", "三室两厅", "128.50", "3,580,000.00", "南", "A"),
                List.of("1702", "17", "两室两厅", "89", "2480000", "", "B")), Set.of());
        assertThat(result.errors()).isEmpty();
        assertThat(result.units()).extracting(Unit::id).containsExactly("SH01-3-1701", "SH01-3-1702");
        assertThat(result.units().get(0).listPrice().toString()).isEqualTo("3580000.00");
        assertThat(result.units().get(1).orientation()).isNull();
    }

    @Test
    @DisplayName("R-DEAL-1 every row's error is reported with its row number, and nothing is imported")
    void everyRowsErrorIsReported() {
        PriceList.Result result = PriceList.read("SH01", "3", List.of(
                List.of("number", "floor", "layout", "area", "listPrice"),
                List.of("1701", "17", "三室两厅", "128.50", "3580000"),
                List.of("1702", "十七", "三室两厅", "128.50", "3580000"),
                List.of("1703", "17", "三室两厅", "-1", "3580000.001"),
                List.of("1701", "17", "三室两厅", "128.50", "3580000"),
                List.of("1704", "17", "", "128.50", "3580000"),
                List.of("1801", "18", "三室两厅", "128.50", "3580000")), Set.of("1801"));
        assertThat(result.units()).isEmpty();
        assertThat(result.errors()).extracting(PriceList.RowError::row).containsExactly(3, 4, 5, 6, 7);
        assertThat(result.errors().get(1).message()).contains("第 4 行", "面积", "总价");
        assertThat(result.errors().get(2).message()).contains("重复");
        assertThat(result.errors().get(4).message()).contains("已存在");
        assertThat(PriceList.read("SH01", "3", List.of(List.of("房号", "户型")), Set.of()).errors().get(0).message()).contains("表头缺少列");
    }

    @Test
    @DisplayName("R-DEAL-1 a row that an interrupted import stored counts as done; a row of its number with other values is an error")
    void rowsAnInterruptedImportStoredAreDone() {
        List<String> header = List.of("房号", "楼层", "户型", "面积", "总价");
        Unit stored = PriceList.read("SH01", "3", List.of(header, List.of("1701", "17", "三室两厅", "128.5", "3580000")), Set.of())
                .units().get(0);
        Map<String, Unit> interrupted = Map.of("1701", stored);

        PriceList.Result again = PriceList.read("SH01", "3", List.of(header, List.of("1701", "17", "三室两厅", "128.50", "3,580,000.00"),
                List.of("1702", "17", "两室两厅", "89", "2480000")), Set.of("1701"), interrupted);
        assertThat(again.errors()).isEmpty();
        assertThat(again.alreadyStored()).containsExactly(stored);
        assertThat(again.units()).extracting(Unit::number).containsExactly("1702");

        PriceList.Result changed = PriceList.read("SH01", "3", List.of(header, List.of("1701", "17", "三室两厅", "128.50", "3570000")),
                Set.of("1701"), interrupted);
        assertThat(changed.units()).isEmpty();
        assertThat(changed.alreadyStored()).isEmpty();
        assertThat(changed.errors()).extracting(PriceList.RowError::message).singleElement().asString().contains("1701", "中断");
        assertThat(PriceList.read("SH01", "3", List.of(header, List.of("1701", "17", "三室两厅", "128.50", "3580000")), Set.of("1701"))
                .errors()).extracting(PriceList.RowError::message).singleElement().asString().contains("已存在");
    }
}
