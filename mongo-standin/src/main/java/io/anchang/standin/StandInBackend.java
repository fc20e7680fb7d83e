package io.anchang.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;
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
        answer.put("ok", 1.0);
        return answer;
    }

    /** The {@code _id} equality a query demands, top-level or in a top-level {@code $and}; null if none. */
    static Object idEquality(Document query) {
        Object id = query.get("_id");
        if (id != null && !(id instanceof Document) && !(id instanceof Map<?, ?>) && !(id instanceof java.util.Collection<?>)
                && !(id instanceof java.util.regex.Pattern) && !id.getClass().getSimpleName().contains("RegularExpression")) {
            return id;
        }
        if (query.get("$and") instanceof List<?> all) {
            for (Object part : all) {
                if (part instanceof Document condition) {
                    Object found = idEquality(condition);
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
                    cursorRegistry);
        }
    }

    private static final class IndexedCollection extends H2Collection {

        IndexedCollection(MongoDatabase database, String name, CollectionOptions options,
                          org.h2.mvstore.MVMap<Object, Document> data, org.h2.mvstore.MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            Object id = query.size() == 1 && query.containsKey("_id") ? null : idEquality(query);
            if (id != null) {
                Document byId = new Document("_id", id);
                for (Index<Object> index : getIndexes()) {
                    if (index.isUnique() && index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize, fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
