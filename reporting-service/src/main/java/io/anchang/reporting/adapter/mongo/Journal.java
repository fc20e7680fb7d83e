package io.anchang.reporting.adapter.mongo;

import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Binary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A batch's writes in one journal document: BSON, compressed, as one binary value — the store keeps one blob
 * rather than a tree of thousands of fields, and a commit's journal stays far below a document's size limit.
 */
final class Journal {

    private static final DocumentCodec CODEC = new DocumentCodec();

    private Journal() {
    }

    static Binary pack(List<Document> writes) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            CODEC.encode(writer, new Document("w", writes), EncoderContext.builder().build());
        }
        ByteArrayOutputStream packed = new ByteArrayOutputStream(buffer.getSize() / 4 + 64);
        try (DeflaterOutputStream out = new DeflaterOutputStream(packed, new Deflater(Deflater.BEST_SPEED))) {
            buffer.pipe(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binary(packed.toByteArray());
    }

    static List<Document> unpack(Binary packed) {
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(packed.getData()))) {
            byte[] bson = in.readAllBytes();
            try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bson))) {
                return CODEC.decode(reader, DecoderContext.builder().build()).getList("w", Document.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
