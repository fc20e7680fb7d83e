package io.anchang.deal.adapter.web;

import io.anchang.platform.problem.ProblemException;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 9: a price list is read within its limits — rows, columns, cells, characters, bytes zipped
 * and unzipped — and a file that breaks one is refused having cost little memory. Memory is measured
 * as the bytes this thread allocated while reading (deterministic, not a timing).
 */
class PriceListFileTest {

    static final String XLSX = PriceListFile.XLSX;
    static final long FIFTY_MB = 50L << 20;

    @Test
    @DisplayName("issue 9: a 96 KB .xlsx whose rows name a cell in column XFD is refused, allocating megabytes, not gigabytes")
    void lastColumnInEveryRowIsRefusedCheaply() {
        byte[] file = Workbooks.lastColumnInEveryRow(10_000);
        assertThat(file.length).isBetween(40_000, 200_000);
        long allocated = allocatedWhile(() -> refused(file, XLSX, "price-list-too-large"));
        assertThat(allocated).isLessThan(FIFTY_MB);
    }

    @Test
    @DisplayName("issue 9: content in column XFD — or in a column no sheet has (ZZZZZZ) — refuses the file at that cell")
    void contentBeyondTheLastColumnIsRefused() {
        for (String column : List.of("XFD", "AA", "ZZZZZZ")) {
            byte[] file = Workbooks.xlsx(sheet -> sheet.append("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>房号</t></is></c></row>")
                    .append("<row r=\"2\"><c r=\"A2\"><v>101</v></c><c r=\"").append(column).append("2\"><v>1</v></c></row>"));
            long allocated = allocatedWhile(() -> assertThatThrownBy(() -> PriceListFile.read(file, XLSX))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.type()).isEqualTo("price-list-too-large");
                        assertThat(e.detail()).contains("26 列");
                    }));
            assertThat(allocated).as(column).isLessThan(FIFTY_MB);
        }
    }

    @Test
    @DisplayName("issue 9: a zip bomb (a part unzipping to 200 MB) is refused once 8 MB came out of it")
    void aZipBombIsRefusedByItsUnzippedSize() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        byte[] bomb = bytes.toByteArray();
        assertThat(bomb.length).isLessThan(300_000);
        long allocated = allocatedWhile(() -> assertThatThrownBy(() -> PriceListFile.read(bomb, XLSX))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.detail()).contains("解压后超过 8 MB")));
        assertThat(allocated).isLessThan(FIFTY_MB);
    }

    @Test
    void aWorkbookAsExcelWritesItIsReadAsTheDeskSeesIt() throws IOException {
        byte[] file;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("价目表");
            XSSFRow header = sheet.createRow(0);
            String[] names = {"房号", "楼层", "户型", "面积", "总价", "朝向", "等级"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            XSSFRow row = sheet.createRow(2);
            row.createCell(0).setCellValue("1702");
            row.createCell(1).setCellValue(17);
            row.createCell(2).setCellValue("三室两厅");
            row.createCell(3).setCellValue(89.51);
            row.createCell(4).setCellValue(12_500_000);
            row.createCell(6).setCellValue("A");
            workbook.write(out);
            file = out.toByteArray();
        }
        List<List<String>> table = PriceListFile.read(file, XLSX);
        assertThat(table).hasSize(3);
        assertThat(table.get(0)).containsExactly(names());
        assertThat(table.get(1)).isEmpty();
        assertThat(table.get(2)).containsExactly("1702", "17", "三室两厅", "89.51", "12500000", "", "A");
    }

    @Test
    @DisplayName("issue 9: CSV has the same limits: columns, rows, cell length, bytes")
    void csvHasTheSameLimits() {
        String wide = "房号" + ",x".repeat(30) + "\n";
        refused(wide.getBytes(), "text/csv", "price-list-too-large");
        String longRows = "房号,楼层\n" + "101,1\n".repeat(5_001);
        refused(longRows.getBytes(), "text/csv", "price-list-too-large");
        refused(("房号\n" + "x".repeat(201) + "\n").getBytes(), "text/csv", "price-list-too-large");
        byte[] big = new byte[(1 << 20) + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        assertThatThrownBy(() -> PriceListFile.read(big, "text/csv"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(413));
        // trailing empty cells beyond the last column are not content
        assertThat(PriceListFile.read(("房号,楼层" + ",".repeat(40) + "\n\"1,01\",2\n").getBytes(), "text/csv"))
                .containsExactly(List.of("房号", "楼层"), List.of("1,01", "2"));
    }

    private static String[] names() {
        return new String[]{"房号", "楼层", "户型", "面积", "总价", "朝向", "等级"};
    }

    private static void refused(byte[] file, String type, String problem) {
        assertThatThrownBy(() -> PriceListFile.read(file, type)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.type()).isEqualTo(problem);
            assertThat(e.detail()).hasSizeLessThan(400);
        });
    }

    /** The bytes this thread allocated while {@code work} ran. */
    private static long allocatedWhile(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

}
