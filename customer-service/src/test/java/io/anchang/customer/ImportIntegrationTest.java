package io.anchang.customer;

import io.anchang.platform.api.attribution.AttributionApi;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static io.anchang.testing.Json.list;
import static io.anchang.testing.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Importing an office's customers (R-CUS-2, R-CUS-3) through the API: all or nothing, every row named, the same file twice changes nothing. */
class ImportIntegrationTest extends ArchiveIntegrationTest {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private JsonNode upload(String token, byte[] file, MediaType type, int status) {
        return json(web.post().uri(base() + "/imports?fileName=客户档案.csv").headers(h -> h.setBearerAuth(token)).contentType(type)
                .bodyValue(file).exchange().expectStatus().isEqualTo(status));
    }

    private JsonNode completed(String importId) {
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            job[0] = json(web.get().uri(base() + "/imports/{id}", importId).headers(h -> h.setBearerAuth(manager())).exchange().expectStatus().isOk());
            assertThat(job[0].path("status").asString()).isEqualTo("COMPLETED");
        });
        return job[0];
    }

    private JsonNode byPhone(String phone, int status) {
        return json(web.post().uri(base() + "/customers/search").headers(h -> h.setBearerAuth(manager())).bodyValue(object("phone", phone))
                .exchange().expectStatus().isEqualTo(status));
    }

    @Test
    @DisplayName("R-CUS-2 R-CUS-3 R-ATT-1 the office's customers come in with their archive numbers, owners and original registration dates; the same file again changes nothing")
    void anImportKeepsNumbersOwnersAndDates() {
        String first = aPhone();
        String second = aPhone();
        String third = aPhone();
        LocalDate tenDaysAgo = LocalDate.now(SHANGHAI).minusDays(10);
        String csv = "档案编号,姓名,电话,来源,置业顾问,登记日期\r\n"
                + "BJ-0001,孙丽华," + first + ",来访,李娜," + tenDaysAgo + " 10:30\r\n"
                + ",周先生," + second + ",来电,,2024-03-15\r\n"
                + "\"BJ-0003\",\"吴先生, 吴太太\"," + third + ",客资," + rep("A") + ",2023/12/01\r\n";
        byte[] file = ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8);
        JsonNode accepted = upload(manager(), file, CSV, 202);
        JsonNode job = completed(accepted.path("id").asString());
        assertThat(job.path("imported").asInt()).isEqualTo(3);
        assertThat(job.path("total").asInt()).isEqualTo(3);

        JsonNode sun = byPhone(first, 200);
        assertThat(sun.path("archiveNo").asString()).isEqualTo("BJ-0001");
        assertThat(sun.path("owner").asString()).isEqualTo(rep("B"));
        assertThat(Instant.parse(sun.path("registeredAt").asString())).isEqualTo(tenDaysAgo.atTime(10, 30).atZone(SHANGHAI).toInstant());
        assertThat(Instant.parse(sun.path("claims").get(0).path("since").asString())).isEqualTo(tenDaysAgo.atTime(10, 30).atZone(SHANGHAI).toInstant());
        assertThat(byPhone(second, 200).path("archiveNo").asString()).isEqualTo(site + "-000001");
        assertThat(byPhone(third, 200).path("name").asString()).isEqualTo("吴先生, 吴太太");

        // R-ATT-4: attribution counts from the imported registration — 李娜's claim is still protected, so she serves
        Map<String, Object> desk = object("upRep", rep("A"), "eventMode", false, "reps", list(
                object("userId", rep("A"), "name", "张伟", "status", "AVAILABLE"), object("userId", rep("B"), "name", "李娜", "status", "AVAILABLE")));
        web.post().uri(AttributionApi.PATH, site).headers(h -> h.setBearerAuth(ISSUER.receptionToken()))
                .bodyValue(object("visitId", UUID.randomUUID().toString(), "channel", "VISIT", "phone", first, "at", Instant.now().toString(),
                        "receivedBy", rep("A"), "statement", object(), "desk", desk))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo(rep("B"));

        JsonNode again = upload(manager(), file, CSV, 202);
        assertThat(again.path("id").asString()).isEqualTo(accepted.path("id").asString());
        assertThat(again.path("imported").asInt()).isEqualTo(3);
        // the same customers listed again in another order and spelling: nothing new
        String reordered = "电话,登记日期,档案编号,置业顾问\n" + third + ",2023-12-01,BJ-0003," + rep("A") + "\n+86 " + first + "," + tenDaysAgo + ",BJ-0001,李娜\n";
        JsonNode same = upload(manager(), reordered.getBytes(StandardCharsets.UTF_8), CSV, 202);
        assertThat(same.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(same.path("imported").asInt()).isEqualTo(0);
        assertThat(same.path("unchanged").asInt()).isEqualTo(2);
        assertThat(byPhone(second, 200).path("archiveNo").asString()).isEqualTo(site + "-000001");
    }

    @Test
    @DisplayName("R-CUS-2 an import with one bad row imports nothing and names the row")
    void oneBadRowImportsNothing() {
        String good = aPhone();
        String other = aPhone();
        String csv = "姓名,电话,登记日期,置业顾问\n孙丽华," + good + ",2024-03-15,\n周先生,12345,2024-03-15,\n吴先生," + other + ",2024-02-30,nobody\n";
        JsonNode problem = json(web.post().uri(base() + "/imports").headers(h -> h.setBearerAuth(manager())).contentType(CSV)
                .bodyValue(csv.getBytes(StandardCharsets.UTF_8)).exchange().expectStatus().isBadRequest());
        assertThat(problem.path("type").asString()).isEqualTo("urn:anchang:problem:import-rows-invalid");
        assertThat(problem.path("detail").asString()).contains("2 行有误，未导入任何客户", "第 3 行");
        assertThat(problem.path("errors").findValuesAsString("message")).hasSize(2);
        assertThat(problem.path("errors").get(0).path("row").asInt()).isEqualTo(3);
        assertThat(problem.path("errors").get(1).path("message").asString()).contains("第 4 行", "登记日期", "nobody");
        byPhone(good, 404);
        web.get().uri(base() + "/imports").headers(h -> h.setBearerAuth(manager())).exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
    }

    @Test
    @DisplayName("R-CUS-2 an Excel workbook as Excel writes it: a phone as a number, the registration as a date")
    void anExcelWorkbook() throws Exception {
        String phone = aPhone();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("客户");
            Row header = sheet.createRow(0);
            String[] names = {"档案编号", "姓名", "电话", "登记日期"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("XL-01");
            row.createCell(1).setCellValue("郑女士");
            row.createCell(2).setCellValue(Double.parseDouble(phone));
            org.apache.poi.ss.usermodel.CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            row.createCell(3).setCellValue(LocalDate.of(2024, 5, 20));
            row.getCell(3).setCellStyle(date);
            workbook.write(out);
        }
        JsonNode job = upload(manager(), out.toByteArray(), MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), 202);
        completed(job.path("id").asString());
        JsonNode customer = byPhone(phone, 200);
        assertThat(customer.path("archiveNo").asString()).isEqualTo("XL-01");
        assertThat(Instant.parse(customer.path("registeredAt").asString())).isEqualTo(LocalDate.of(2024, 5, 20).atTime(9, 0).atZone(SHANGHAI).toInstant());
    }

    @Test
    @DisplayName("R-CUS-2 bad imports — 100,000 rows, a 50 MB file, a rep importing, an empty file — get a clear problem and store nothing")
    void badImportsStoreNothing() {
        StringBuilder huge = new StringBuilder("电话,登记日期\n");
        for (int i = 0; i < 100_000; i++) {
            huge.append("1390000").append(String.format("%04d", i % 10_000)).append(",2024-01-01\n");
        }
        problem(web.post().uri(base() + "/imports").headers(h -> h.setBearerAuth(manager())).contentType(CSV)
                .bodyValue(huge.toString().getBytes(StandardCharsets.UTF_8)).exchange(), 413, "import-too-large", "5000");
        byte[] fifty = new byte[50 << 20];
        java.util.Arrays.fill(fifty, (byte) 'x');
        problem(web.post().uri(base() + "/imports").headers(h -> h.setBearerAuth(manager())).contentType(CSV).bodyValue(fifty).exchange(),
                413, "body-too-large", "");
        problem(web.post().uri(base() + "/imports").headers(h -> h.setBearerAuth(sales("A"))).contentType(CSV)
                .bodyValue("电话,登记日期\n13900000000,2024-01-01\n".getBytes(StandardCharsets.UTF_8)).exchange(), 403, "role-required", "销售经理");
        problem(web.post().uri(base() + "/imports").headers(h -> h.setBearerAuth(manager())).contentType(CSV).bodyValue(new byte[0]).exchange(),
                400, "import-empty", "请上传");
        problem(web.post().uri(base() + "/imports").headers(h -> h.setBearerAuth(manager()))
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .bodyValue("PK not really a zip".getBytes(StandardCharsets.UTF_8)).exchange(), 400, "import-unreadable", "");
        web.get().uri(base() + "/imports").headers(h -> h.setBearerAuth(manager())).exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
    }
}
