package io.anchang.platform.print;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
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
import java.util.ArrayList;
import java.util.List;

/**
 * An A4 document in Chinese: pages written top to bottom — a title, label/value rows,
 * paragraphs that wrap, rules — in the shipped CJK fonts. Each character is printed in the
 * first font of the chain ({@link #FONTS}: WenQuanYi Micro Hei for GB18030's two-byte
 * hanzi and everything else, Hanazono for Extension A and the supplementary plane) that
 * has it; one that no font has is printed as {@value #MISSING} — a name with a rare
 * character never fails the document. One instance builds one document on one thread;
 * {@link #toBytes()} finishes it.
 */
public final class ChinesePdf implements AutoCloseable {

    static final List<String> FONTS = List.of("/fonts/wqy-microhei.ttf", "/fonts/hanamina-ext.ttf");
    /** What stands for a character no shipped font has: visibly a gap, never a failure. */
    static final String MISSING = "□";
    private static final float MARGIN = 56;
    private static volatile List<FontFile> fontFiles;

    private final PDDocument document = new PDDocument();
    /** The fonts of the chain as this document embeds them, loaded when first needed. */
    private final PDType0Font[] fonts = new PDType0Font[FONTS.size()];
    private PDPageContentStream content;
    private float y;

    public ChinesePdf(String title) {
        font(0);
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
            content.newLineAtOffset(x, y);
            for (Run run : runs(text)) {
                content.setFont(font(run.font()), size);
                content.showText(run.text());
            }
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float width(String text, float size) {
        float width = 0;
        try {
            for (Run run : runs(text)) {
                width += font(run.font()).getStringWidth(run.text()) / 1000 * size;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return width;
    }

    /** A stretch of text printed in one font of the chain. */
    record Run(int font, String text) {
    }

    /** The text cut where the font changes: each character in the first font that has it, {@value #MISSING} for none. */
    static List<Run> runs(String text) {
        List<FontFile> files = fontFiles();
        List<Run> runs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int currentFont = -1;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            String printed = Character.isISOControl(codePoint) ? " " : new String(Character.toChars(codePoint));
            int font = -1;
            for (int f = 0; f < files.size() && font < 0; f++) {
                if (files.get(f).has(printed.codePointAt(0))) {
                    font = f;
                }
            }
            if (font < 0) {
                printed = MISSING;
                font = 0;
            }
            if (font != currentFont && !current.isEmpty()) {
                runs.add(new Run(currentFont, current.toString()));
                current.setLength(0);
            }
            currentFont = font;
            current.append(printed);
        }
        if (!current.isEmpty()) {
            runs.add(new Run(currentFont, current.toString()));
        }
        return runs;
    }

    private PDType0Font font(int index) {
        if (fonts[index] == null) {
            try {
                fonts[index] = PDType0Font.load(document, new ByteArrayInputStream(fontFiles().get(index).bytes()), true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the CJK font " + FONTS.get(index), e);
            }
        }
        return fonts[index];
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

    /** A font of the chain: its bytes (embedded per document) and its character map (read once). */
    private record FontFile(byte[] bytes, CmapLookup cmap) {

        boolean has(int codePoint) {
            return cmap.getGlyphId(codePoint) > 0;
        }
    }

    private static List<FontFile> fontFiles() {
        List<FontFile> files = fontFiles;
        if (files == null) {
            synchronized (ChinesePdf.class) {
                files = fontFiles;
                if (files == null) {
                    List<FontFile> read = new ArrayList<>();
                    for (String name : FONTS) {
                        try (InputStream in = ChinesePdf.class.getResourceAsStream(name)) {
                            if (in == null) {
                                throw new IOException("the font " + name + " is not on the class path");
                            }
                            byte[] bytes = in.readAllBytes();
                            // kept open for the lookups: the character map is read on demand
                            TrueTypeFont parsed = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
                            read.add(new FontFile(bytes, parsed.getUnicodeCmapLookup()));
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot load the CJK font " + name, e);
                        }
                    }
                    files = List.copyOf(read);
                    fontFiles = files;
                }
            }
        }
        return files;
    }
}
