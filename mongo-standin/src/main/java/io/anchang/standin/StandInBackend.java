package io.anchang.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * mongo-java-server's H2 backend, taught {@code hello}: current drivers and Spring Boot's
 * MongoDB health indicator send {@code hello}, which the stand-in only knows by its old
 * name {@code isMaster}. Without this the health of every service shows MongoDB DOWN.
 * <p>
 * It counts the commands it serves, by database, collection and command, so a benchmark can
 * say how many store operations a request costs: {@code {anchangCounts: 1}} answers the counts
 * so far, {@code {anchangCounts: 1, reset: true}} answers them and starts again from zero.
 * <p>
 * And it finds a document by its {@code _id} through the {@code _id} index whatever else the
 * query says, as MongoDB does: mongo-java-server uses an index only for a query of exactly the
 * index's fields, so every site-scoped read or conditional update ({@code {_id, siteId, version}},
 * or an {@code $and} of them) scanned the whole collection, deserialising every document — the
 * largest cost of the stand-in under the opening-day race (issue 17). The whole query is still
 * matched against the document found, so the answer is the same, only cheaper.
 */
public final class StandInBackend extends H2Backend {

    /** The command that answers the counts; it is not counted itself. */
    public static final String COUNTS = "anchangCounts";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    /**
     * Documents a query read to answer, by database and collection: what an index saves. Made on first use, without an
     * initialiser: the backend's constructor opens the collections before a field of this class is initialised.
     */
    private volatile Map<String, LongAdder> examined;

    private Map<String, LongAdder> examined() {
        if (examined == null) {
            synchronized (this) {
                if (examined == null) {
                    examined = new ConcurrentHashMap<>();
                }
            }
        }
        return examined;
    }

    private StandInBackend(MVStore store) {
        super(store);
    }

    private StandInBackend(String file) {
        super(file);
    }

    /** Data kept in memory only, for tests. */
    public static StandInBackend inMemory() {
        return new StandInBackend(MVStore.open(null));
    }

    /** Data kept in {@code file}, across restarts. One process per file: H2 locks it. */
    public static StandInBackend onDisk(String file) {
        return new StandInBackend(file);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedDatabase(databaseName, getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (COUNTS.equalsIgnoreCase(command)) {
            return counts(Boolean.TRUE.equals(query.get("reset")));
        }
        Object collection = query.get(command);
        counts.computeIfAbsent(database + (collection instanceof String name ? "." + name : "") + " " + command,
                key -> new LongAdder()).increment();
        if ("hello".equalsIgnoreCase(command)) {
            Document answer = super.handleCommand(channel, database, "isMaster", query);
            answer.put("isWritablePrimary", Boolean.TRUE);
            return answer;
        }
        return super.handleCommand(channel, database, command, query);
    }

    private Document counts(boolean reset) {
        Document answer = new Document();
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, count) -> sorted.put(key, reset ? count.sumThenReset() : count.sum()));
        Document byCommand = new Document();
        sorted.forEach(byCommand::put);
        answer.put("counts", byCommand);
        Map<String, Long> read = new TreeMap<>();
        examined().forEach((key, count) -> read.put(key, reset ? count.sumThenReset() : count.sum()));
        Document byCollection = new Document();
        read.forEach(byCollection::put);
        answer.put("examined", byCollection);
        answer.put("ok", 1.0);
        return answer;
    }

    /** The {@code _id} equality a query demands, top-level or in a top-level {@code $and}; null if none. */
    static Object idEquality(Document query) {
        return equality(query, "_id");
    }

    /** The plain value a query demands {@code field} to equal, top-level or in a top-level {@code $and}; null if none. */
    static Object equality(Document query, String field) {
        Object value = query.get(field);
        if (value != null && !(value instanceof Document) && !(value instanceof Map<?, ?>) && !(value instanceof java.util.Collection<?>)
                && !(value instanceof java.util.regex.Pattern) && !value.getClass().getSimpleName().contains("RegularExpression")) {
            return value;
        }
        if (query.get("$and") instanceof List<?> all) {
            for (Object part : all) {
                if (part instanceof Document condition) {
                    Object found = equality(condition, field);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    /** Inner: H2Database opens collections in its constructor, before a field of its own could be set. */
    private final class IndexedDatabase extends H2Database {

        IndexedDatabase(String name, CursorRegistry cursors) {
            super(name, getMvStore(), cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // the maps H2Database itself opens for a collection
            String full = getFullCollectionNamespace(collectionName);
            MVStore store = getMvStore();
            return new IndexedCollection(this, collectionName, options, store.openMap("databases." + full), store.openMap("meta." + full),
                    cursorRegistry, examined().computeIfAbsent(full, key -> new LongAdder()));
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            if (keys.size() == 1 && !keys.get(0).getKey().contains(".") && !keys.get(0).getKey().startsWith("$")) {
                return new EqualityIndex(indexName, keys, sparse);
            }
            return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
        }
    }

    /**
     * A non-unique index of one field, as MongoDB keeps one: mongo-java-server keeps none (an empty index that every query
     * ignores), so a lookup by a field that is not unique — a customer by the hash of a phone — scanned and deserialised the
     * whole collection, and the archive grows with every customer (issue 17). This one maps each text value of the field
     * (each element of an array, as a multikey index does) to the ids of its documents; it is kept in memory and filled from
     * the documents when the collection opens. Only a query that demands the field to equal a text answers from it, and the
     * whole query is still matched on the documents it names.
     */
    static final class EqualityIndex extends Index<Object> {

        private final String field;
        private final Map<String, Set<Object>> ids = new ConcurrentHashMap<>();
        /** Where each document indexed is (the collection asks it back when the document goes). */
        private final Map<Object, Object> positions = new ConcurrentHashMap<>();

        EqualityIndex(String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.field = keys.get(0).getKey();
        }

        String field() {
            return field;
        }

        /** The ids of the documents whose field equals {@code value} or holds it in an array. */
        Set<Object> idsOf(String value) {
            Set<Object> found = ids.get(value);
            return found == null ? Set.of() : Set.copyOf(found);
        }

        private static List<String> values(Object value) {
            if (value instanceof String text) {
                return List.of(text);
            }
            if (value instanceof java.util.Collection<?> many) {
                return many.stream().filter(String.class::isInstance).map(String.class::cast).distinct().toList();
            }
            return List.of();
        }

        @Override
        public Object getPosition(Document document) {
            return null;
        }

        @Override
        public void checkAdd(Document document, MongoCollection<Object> collection) {
        }

        @Override
        public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
            Object id = document.get("_id");
            positions.put(id, position);
            for (String value : values(document.get(field))) {
                ids.computeIfAbsent(value, v -> ConcurrentHashMap.newKeySet()).add(id);
            }
        }

        @Override
        public synchronized Object remove(Document document) {
            Object id = document.get("_id");
            for (String value : values(document.get(field))) {
                Set<Object> of = ids.get(value);
                if (of != null) {
                    of.remove(id);
                    if (of.isEmpty()) {
                        ids.remove(value);
                    }
                }
            }
            return positions.remove(id);
        }

        @Override
        public boolean canHandle(Document query) {
            return false; // mongo-java-server's own planner never uses it; IndexedCollection does
        }

        @Override
        public Iterable<Object> getPositions(Document query) {
            return List.of();
        }

        @Override
        public long getCount() {
            return positions.size();
        }

        @Override
        public long getDataSize() {
            return 0;
        }

        @Override
        public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        }

        @Override
        public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
            remove(oldDocument);
            add(newDocument, position, collection);
        }

        @Override
        public synchronized void drop() {
            ids.clear();
            positions.clear();
        }
    }

    private static final class IndexedCollection extends H2Collection {

        IndexedCollection(MongoDatabase database, String name, CollectionOptions options,
                          org.h2.mvstore.MVMap<Object, Document> data, org.h2.mvstore.MVMap<String, Object> meta, CursorRegistry cursors,
                          LongAdder examined) {
            super(database, name, options, data, meta, cursors);
            this.examined = examined;
        }

        private final LongAdder examined;

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            examined.add(count()); // a scan reads every document
            return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        @Override
        protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            if (positions instanceof java.util.Collection<?> some) {
                examined.add(some.size());
            } else {
                examined.increment();
            }
            return super.matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            Object id = query.size() == 1 && query.containsKey("_id") ? null : idEquality(query);
            if (id != null) {
                Index<Object> ids = idIndex();
                if (ids != null) {
                    return matchDocuments(query, ids.getPositions(new Document("_id", id)), orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
            for (Index<Object> index : getIndexes()) {
                if (index instanceof EqualityIndex equality && equality(query, equality.field()) instanceof String value) {
                    Index<Object> byId = idIndex();
                    if (byId == null) {
                        break;
                    }
                    List<Object> positions = new java.util.ArrayList<>();
                    for (Object found : equality.idsOf(value)) {
                        byId.getPositions(new Document("_id", found)).forEach(positions::add);
                    }
                    return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        private Index<Object> idIndex() {
            for (Index<Object> index : getIndexes()) {
                if (index.isUnique() && index.getKeys().size() == 1 && "_id".equals(index.getKeys().get(0).getKey())) {
                    return index;
                }
            }
            return null;
        }
    }
}
