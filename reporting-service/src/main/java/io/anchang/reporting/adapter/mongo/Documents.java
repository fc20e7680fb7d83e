package io.anchang.reporting.adapter.mongo;

import io.anchang.reporting.domain.Axis;
import io.anchang.reporting.domain.Entry;
import io.anchang.reporting.domain.EntryKind;
import io.anchang.reporting.domain.Metric;
import io.anchang.reporting.domain.Sheet;
import io.anchang.reporting.domain.SheetId;
import io.anchang.reporting.domain.Tally;
import org.bson.Document;
import org.springframework.data.mongodb.core.convert.MongoConverter;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Entries and sheets as documents. A sheet is {@code {_id, siteId, kind, key, t: {metric: n},
 * r: {rep: {metric: n}}, s: {source: …}, b: {building: …}}}; user ids, sources and building codes
 * are escaped where they are field names ({@code .} and {@code $} cannot be).
 */
final class Documents {

    private static final Map<Axis, String> FIELDS = Map.of(Axis.REP, "r", Axis.SOURCE, "s", Axis.BUILDING, "b");

    private Documents() {
    }

    static Document of(MongoConverter converter, Entry entry) {
        Document doc = new Document();
        converter.write(entry, doc);
        doc.remove("_class");
        return doc;
    }

    static <E extends Entry> E entry(MongoConverter converter, EntryKind<E> kind, Document doc) {
        return converter.read(kind.type(), doc);
    }

    static Document of(Sheet sheet) {
        Document doc = new Document("_id", sheet.id().id()).append("siteId", sheet.id().site())
                .append("kind", sheet.id().kind().code()).append("key", sheet.id().key()).append("t", tally(sheet.total()));
        FIELDS.forEach((axis, field) -> {
            Document split = new Document();
            sheet.by(axis).forEach((key, tally) -> {
                if (!tally.isEmpty()) {
                    split.append(escape(key), tally(tally));
                }
            });
            doc.append(field, split);
        });
        return doc;
    }

    static Sheet sheet(Document doc) {
        String site = doc.getString("siteId");
        String code = doc.getString("kind");
        SheetId.Kind kind = java.util.Arrays.stream(SheetId.Kind.values()).filter(k -> k.code().equals(code)).findFirst().orElseThrow();
        SheetId id = new SheetId(site, kind, doc.getString("key"));
        Map<Axis, Map<String, Tally>> split = new EnumMap<>(Axis.class);
        FIELDS.forEach((axis, field) -> {
            Document values = doc.get(field, Document.class);
            Map<String, Tally> byKey = new HashMap<>();
            if (values != null) {
                values.forEach((key, tally) -> byKey.put(unescape(key), tally((Document) tally)));
            }
            split.put(axis, byKey);
        });
        Document total = doc.get("t", Document.class);
        return new Sheet(id, total == null ? Tally.EMPTY : tally(total), split);
    }

    private static Document tally(Tally tally) {
        Document doc = new Document();
        tally.values().forEach((metric, value) -> doc.append(metric.key(), value));
        return doc;
    }

    private static Tally tally(Document doc) {
        Map<Metric, Long> values = new EnumMap<>(Metric.class);
        doc.forEach((key, value) -> Metric.byKey(key).ifPresent(metric -> values.put(metric, ((Number) value).longValue())));
        return new Tally(values);
    }

    static String escape(String key) {
        return key.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String unescape(String key) {
        return key.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }
}
