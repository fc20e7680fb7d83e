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
 * Entries and sheets as documents. A sheet is {@code {_id, siteId, kind, key, data}}, its numbers the JSON
 * {@code {t: {metric: n}, r: {rep: {metric: n}}, s: {source: …}, b: {building: …}}}; user ids, sources and
 * building codes are escaped where they are field names ({@code .} and {@code $} cannot be).
 */
final class Documents {

    private static final Map<Axis, String> FIELDS = Map.of(Axis.REP, "r", Axis.SOURCE, "s", Axis.BUILDING, "b");

    private Documents() {
    }

    /** The steps a register lists deals by: kept as fields of their own besides the JSON, for the registers' queries. */
    private static final java.util.List<String> QUERIED = java.util.List.of("small", "big", "contract");

    /**
     * An entry is read by id, and deals also by site and day: it is kept as one JSON text ({@code data}) — cheap for the
     * store, readable for a person — with its site, and for a deal the days and times of its steps, as fields.
     */
    static Document of(MongoConverter converter, Entry entry) {
        Document doc = new Document();
        converter.write(entry, doc);
        doc.remove("_class");
        Document stored = new Document("_id", doc.get("_id")).append("siteId", doc.get("siteId"));
        for (String step : QUERIED) {
            if (entry instanceof io.anchang.reporting.domain.DealEntry && doc.get(step) instanceof Document part) {
                stored.append(step, new Document("day", part.get("day")).append("at", part.get("at")));
            }
        }
        return stored.append("data", doc.toJson());
    }

    static <E extends Entry> E entry(MongoConverter converter, EntryKind<E> kind, Document stored) {
        Document doc = stored.get("data") instanceof String json ? Document.parse(json) : stored;
        return converter.read(kind.type(), doc);
    }

    /**
     * A sheet is read and written by id only, never queried inside: its numbers travel as one JSON text — cheap for
     * the store to keep, readable for a person looking at it.
     */
    static Document of(Sheet sheet) {
        Document data = new Document("t", tally(sheet.total()));
        FIELDS.forEach((axis, field) -> {
            Document split = new Document();
            sheet.by(axis).forEach((key, tally) -> {
                if (!tally.isEmpty()) {
                    split.append(escape(key), tally(tally));
                }
            });
            data.append(field, split);
        });
        return new Document("_id", sheet.id().id()).append("siteId", sheet.id().site())
                .append("kind", sheet.id().kind().code()).append("key", sheet.id().key()).append("data", data.toJson());
    }

    static Sheet sheet(Document stored) {
        Document doc = stored.get("data") instanceof String json ? Document.parse(json).append("siteId", stored.getString("siteId"))
                .append("kind", stored.getString("kind")).append("key", stored.getString("key")) : stored;
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
        // JSON gives small numbers back as Integer, large ones as Long: both are whole numbers
        return new Tally(values);
    }

    static String escape(String key) {
        return key.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String unescape(String key) {
        return key.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }
}
