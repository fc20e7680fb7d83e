package io.anchang.platform.print;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * An A4 document in Chinese: pages written top to bottom — a title, label/value rows,
 * paragraphs that wrap, rules — in the shipped CJK font. One instance builds one document
 * on one thread; {@link #toBytes()} finishes it.
 */
public final class ChinesePdf implements AutoCloseable {

    static final String FONT = "/fonts/wqy-microhei-gb2312.ttf";
    private static final float MARGIN = 56;
    private static volatile byte[] fontBytes;

    private final PDDocument document = new PDDocument();
    private final PDType0Font font;
    private PDPageContentStream content;
    private float y;

    public ChinesePdf(String title) {
        try {
            font = PDType0Font.load(document, new ByteArrayInputStream(font()), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the CJK font " + FONT, e);
        }
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("Anchang 案场");
    }

    /** Starts a new page; what follows is written on it. */
    public ChinesePdf page() {
        closePage();
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        try {
            content = new PDPageContentStream(document, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = PDRectangle.A4.getHeight() - MARGIN;
        return this;
    }

    /** A centred line, e.g. the document's name. */
    public ChinesePdf centered(String text, float size) {
        float width = width(text, size);
        write((PDRectangle.A4.getWidth() - width) / 2, text, size);
        y -= size * 1.6f;
        return this;
    }

    /** A line at the right margin, e.g. a copy label or a number. */
    public ChinesePdf right(String text, float size) {
        write(PDRectangle.A4.getWidth() - MARGIN - width(text, size), text, size);
        y -= size * 1.6f;
        return this;
    }

    /** A label and its value on one line, the value wrapped under itself if long. */
    public ChinesePdf row(String label, String value) {
        float size = 11;
        float labelWidth = 120;
        write(MARGIN, label, size);
        List<String> lines = wrap(value == null ? "" : value, size, PDRectangle.A4.getWidth() - 2 * MARGIN - labelWidth);
        for (String line : lines) {
            write(MARGIN + labelWidth, line, size);
            y -= size * 1.7f;
        }
        return this;
    }

    /** A paragraph that wraps at the margins. */
    public ChinesePdf paragraph(String text, float size) {
        for (String line : wrap(text, size, PDRectangle.A4.getWidth() - 2 * MARGIN)) {
            write(MARGIN, line, size);
            y -= size * 1.6f;
        }
        return this;
    }

    /** A horizontal rule across the text block, with some space. */
    public ChinesePdf rule() {
        y -= 4;
        try {
            content.moveTo(MARGIN, y);
            content.lineTo(PDRectangle.A4.getWidth() - MARGIN, y);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= 16;
        return this;
    }

    public ChinesePdf space(float points) {
        y -= points;
        return this;
    }

    /** The finished document. */
    public byte[] toBytes() {
        closePage();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF", e);
        }
    }

    @Override
    public void close() {
        try {
            closePage();
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(float x, String text, float size) {
        if (content == null) {
            page();
        }
        try {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y);
            content.showText(text);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float width(String text, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Breaks text into lines no wider than {@code width}, between any two characters (Chinese has no spaces). */
    private List<String> wrap(String text, float size, float width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String next = line + new String(Character.toChars(codePoint));
            if (!line.isEmpty() && width(next, size) > width) {
                lines.add(line.toString());
                line.setLength(0);
                continue;
            }
            line.appendCodePoint(codePoint);
            i += Character.charCount(codePoint);
        }
        lines.add(line.toString());
        return lines;
    }

    private void closePage() {
        if (content != null) {
            try {
                content.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            content = null;
        }
    }

    private static byte[] font() throws IOException {
        byte[] bytes = fontBytes;
        if (bytes == null) {
            try (InputStream in = ChinesePdf.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IOException("the font " + FONT + " is not on the class path");
                }
                bytes = in.readAllBytes();
            }
            fontBytes = bytes;
        }
        return bytes;
    }
}
