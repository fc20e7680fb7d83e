package io.anchang.platform.print;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ChinesePdfTest {

    @Test
    void writesChineseThatAReaderExtractsWithTheShippedFontEmbeddedAsASubset() throws IOException {
        byte[] pdf;
        try (ChinesePdf document = new ChinesePdf("收据")) {
            pdf = document.page().centered("收据", 20).right("第一联 客户联", 10).rule()
                    .row("金额（大写）", "人民币壹万贰仟叁佰肆拾伍元陆角整")
                    .paragraph("买受人已详细阅读本认购书的全部条款，".repeat(6), 10)
                    .toBytes();
        }
        try (PDDocument read = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(read);
            assertThat(text).contains("收据", "第一联 客户联", "人民币壹万贰仟叁佰肆拾伍元陆角整", "买受人已详细阅读");
            PDFont font = read.getPage(0).getResources().getFont(read.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).contains("+"); // a subset: ABCDEF+WenQuanYi...
        }
        assertThat(pdf.length).as("only the glyphs used are embedded").isLessThan(200_000);
    }
}
