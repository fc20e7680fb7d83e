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

    /** Issue 10, item 5: names beyond GB2312 made receipts and agreements answer 500. */
    @Test
    void printsNamesBeyondGb2312AndRareCharactersAndAVisibleSubstituteForACharacterNoFontHas() throws IOException {
        String names = "王喆 李玥 张堃 陈赟";
        String rare = "刘䶮 𠮷田 𪚥";
        String unknown = "客户😀"; // no shipped font has this one
        byte[] pdf;
        try (ChinesePdf document = new ChinesePdf("收据 王喆")) {
            pdf = document.page().centered("收据 " + names, 16)
                    .row("交款人", names)
                    .row("买受人", rare)
                    .row("备注", unknown + "\t第二行\n")
                    .paragraph(("买受人 " + names + " " + rare + "，").repeat(8), 10)
                    .toBytes();
        }
        try (PDDocument read = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(read);
            assertThat(text).contains(names, "刘䶮", "𠮷田", "𪚥", "客户" + ChinesePdf.MISSING, "第二行");
            assertThat(read.getPage(0).getResources().getFontNames()).as("the fallback font is embedded beside the first").hasSize(2);
            for (var name : read.getPage(0).getResources().getFontNames()) {
                PDFont font = read.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).isTrue();
                assertThat(font.getName()).contains("+");
            }
        }
        assertThat(pdf.length).as("only the glyphs used are embedded").isLessThan(300_000);
    }

    @Test
    void aTextOfTheFirstFontOnlyEmbedsNoOther() throws IOException {
        byte[] pdf;
        try (ChinesePdf document = new ChinesePdf("认购书")) {
            pdf = document.page().row("买受人", "张堃").toBytes();
        }
        try (PDDocument read = Loader.loadPDF(pdf)) {
            assertThat(read.getPage(0).getResources().getFontNames()).hasSize(1);
        }
    }
}
