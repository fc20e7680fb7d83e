package io.anchang.reporting.adapter.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.anchang.reporting.application.projection.Generations;
import io.anchang.reporting.application.projection.ProjectionState;
import io.anchang.reporting.application.projection.ProjectionStore;
import io.anchang.reporting.domain.Entry;
import io.anchang.reporting.domain.EntryKind;
import io.anchang.reporting.domain.EntryRef;
import io.anchang.reporting.domain.Sheet;
import io.anchang.reporting.domain.SheetId;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The read models in MongoDB, one set of collections per generation ({@code g1_visits},
 * {@code g1_sheets} …). This is the projection's background writer, the one place of the
 * service that writes whole documents in bulk by id and drops collections — it works for no
 * caller, under the service's own identity; every read for a user goes through the platform's
 * site-scoped store ({@link MongoSheets}, {@link MongoRegisters}).
 *
 * <p>A batch commits through a journal: the entries, sheets and topic positions of the batch
 * are first written in one document (atomic), then to their collections by id, then the
 * journal is removed. A crash at any point leaves either nothing or a journal that the next
 * start writes again — whole documents by id, so writing twice is writing once. Every write
 * and read here is by {@code _id}, which the MongoDB stand-in serves from its unique index.
 */
public class MongoProjections implements ProjectionState {

    static final String GENERATIONS = "projection_generations";
    static final String POSITIONS = "projection_positions";
    static final String JOURNAL = "projection_journal";
    private static final String SINGLETON = "generations";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ReactiveMongoTemplate template;

    public MongoProjections(ReactiveMongoTemplate template) {
        this.template = template;
    }

    /** The collection of {@code kind} in {@code generation}: {@code g2_deals}. */
    public static String collection(int generation, EntryKind<?> kind) {
        return "g" + generation + "_" + kind.name();
    }

    public static String sheets(int generation) {
        return "g" + generation + "_sheets";
    }

    private static <K, V> Map<K, V> lru(int size) {
        return new java.util.LinkedHashMap<>(size, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        };
    }

    @Override
    public Generations generations() {
        Document found = template.findById(SINGLETON, Document.class, GENERATIONS).block(TIMEOUT);
        if (found == null) {
            Document first = new Document("_id", SINGLETON).append("active", 1).append("building", 0);
            try {
                template.insert(first, GENERATIONS).block(TIMEOUT);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another replica created it first
            }
            found = template.findById(SINGLETON, Document.class, GENERATIONS).block(TIMEOUT);
        }
        return read(found);
    }

    static Generations read(Document doc) {
        Date requested = doc.getDate("requestedAt");
        Date swapped = doc.getDate("swappedAt");
        return new Generations(doc.get("active", Number.class).intValue(), doc.get("building", Number.class).intValue(),
                doc.getString("requestedBy"), requested == null ? null : requested.toInstant(),
                swapped == null ? null : swapped.toInstant());
    }

    @Override
    public Optional<Generations> startRebuild(String requestedBy, Instant at) {
        Generations now = generations();
        if (now.rebuilding()) {
            return Optional.empty();
        }
        int next = Math.max(now.active(), now.building()) + 1;
        dropGeneration(next);
        // conditional on the generations as read: of two ADMINs asking at once, one starts the rebuild
        Document updated = template.getCollection(GENERATIONS).flatMap(c -> Mono.from(c.findOneAndUpdate(
                Filters.and(Filters.eq("_id", SINGLETON), Filters.eq("active", now.active()), Filters.eq("building", 0)),
                new Document("$set", new Document("building", next).append("requestedBy", requestedBy)
                        .append("requestedAt", Date.from(at)).append("swappedAt", null)),
                new com.mongodb.client.model.FindOneAndUpdateOptions().returnDocument(com.mongodb.client.model.ReturnDocument.AFTER))))
                .block(TIMEOUT);
        return Optional.ofNullable(updated).map(MongoProjections::read);
    }

    @Override
    public boolean swap(int from, int building, Instant at) {
        Document updated = template.getCollection(GENERATIONS).flatMap(c -> Mono.from(c.findOneAndUpdate(
                Filters.and(Filters.eq("_id", SINGLETON), Filters.eq("active", from), Filters.eq("building", building)),
                new Document("$set", new Document("active", building).append("building", 0).append("swappedAt", Date.from(at))))))
                .block(TIMEOUT);
        return updated != null;
    }

    @Override
    public ProjectionStore store(int generation) {
        return new Store(generation);
    }

    @Override
    public void dropOthers(int... keep) {
        Set<Integer> kept = IntStream.of(keep).boxed().collect(Collectors.toSet());
        Set<Integer> present = new TreeSet<>();
        template.getCollectionNames().toIterable().forEach(name -> {
            if (name.matches("g\\d+_.*")) {
                present.add(Integer.parseInt(name.substring(1, name.indexOf('_'))));
            }
        });
        present.stream().filter(g -> !kept.contains(g)).forEach(this::dropGeneration);
    }

    private void dropGeneration(int generation) {
        List<String> names = new ArrayList<>();
        EntryKind.ALL.forEach(kind -> names.add(collection(generation, kind)));
        names.add(sheets(generation));
        Flux.fromIterable(names).concatMap(template::dropCollection).then().block(TIMEOUT);
        template.getCollection(POSITIONS).flatMap(c -> Mono.from(c.deleteOne(Filters.eq("_id", "g" + generation)))).block(TIMEOUT);
        template.getCollection(JOURNAL).flatMap(c -> Mono.from(c.deleteOne(Filters.eq("_id", "g" + generation)))).block(TIMEOUT);
    }

    /**
     * One generation's store. Its one writer keeps the entries and sheets it wrote last in memory (a few thousand,
     * least recently used out), so that the next batch need not read them again; nothing else writes them.
     */
    private final class Store implements ProjectionStore {

        private final int generation;
        private final String key;
        private final Map<EntryRef, Entry> entryCache = lru(10_000);
        private final Map<SheetId, Sheet> sheetCache = lru(5_000);

        Store(int generation) {
            this.generation = generation;
            this.key = "g" + generation;
        }

        @Override
        public Map<EntryRef, Entry> entries(Collection<EntryRef> refs) {
            Map<EntryRef, Entry> found = new HashMap<>();
            Map<EntryKind<?>, List<String>> byKind = new LinkedHashMap<>();
            for (EntryRef ref : refs) {
                Entry cached = entryCache.get(ref);
                if (cached != null) {
                    found.put(ref, cached);
                } else {
                    byKind.computeIfAbsent(ref.kind(), k -> new ArrayList<>()).add(ref.id());
                }
            }
            byKind.forEach((kind, ids) -> template.getCollection(collection(generation, kind))
                    .flatMapMany(c -> Flux.from(c.find(Filters.in("_id", ids))))
                    .toIterable().forEach(doc -> {
                        Entry entry = Documents.entry(template.getConverter(), kind, doc);
                        found.put(new EntryRef(kind, entry.id()), entry);
                    }));
            return found;
        }

        @Override
        public Map<SheetId, Sheet> sheets(Collection<SheetId> ids) {
            Map<SheetId, Sheet> found = new HashMap<>();
            Map<String, SheetId> missing = new HashMap<>();
            for (SheetId id : ids) {
                Sheet cached = sheetCache.get(id);
                if (cached != null) {
                    found.put(id, cached);
                } else {
                    missing.put(id.id(), id);
                }
            }
            if (!missing.isEmpty()) {
                template.getCollection(MongoProjections.sheets(generation))
                        .flatMapMany(c -> Flux.from(c.find(Filters.in("_id", new ArrayList<>(missing.keySet())))))
                        .toIterable().forEach(doc -> {
                            Sheet sheet = Documents.sheet(doc);
                            found.put(sheet.id(), sheet);
                        });
            }
            return found;
        }

        @Override
        public void commit(Commit commit) {
            List<Document> writes = new ArrayList<>();
            commit.entries().forEach(entry -> writes.add(write(collection(generation, kindOf(entry)), Documents.of(template.getConverter(), entry), false)));
            commit.newEntries().forEach(entry -> writes.add(write(collection(generation, kindOf(entry)), Documents.of(template.getConverter(), entry), true)));
            commit.sheets().forEach(sheet -> writes.add(write(MongoProjections.sheets(generation), Documents.of(sheet), false)));
            commit.newSheets().forEach(sheet -> writes.add(write(MongoProjections.sheets(generation), Documents.of(sheet), true)));
            Document positions = positionsDocument(commit.positions(), commit.events());
            try {
                // the journal is one document: the batch's writes as compressed BSON, and the positions after them
                replace(JOURNAL, List.of(new Document("_id", key).append("writes", Journal.pack(writes)).append("positions", positions)));
                apply(writes, positions, false);
            } catch (RuntimeException e) {
                // what is in the store now is not known: read it again
                entryCache.clear();
                sheetCache.clear();
                throw e;
            }
            for (Entry entry : commit.entries()) {
                entryCache.put(new EntryRef(kindOf(entry), entry.id()), entry);
            }
            for (Entry entry : commit.newEntries()) {
                entryCache.put(new EntryRef(kindOf(entry), entry.id()), entry);
            }
            commit.sheets().forEach(sheet -> sheetCache.put(sheet.id(), sheet));
            commit.newSheets().forEach(sheet -> sheetCache.put(sheet.id(), sheet));
        }

        private static Document write(String collection, Document doc, boolean insert) {
            return new Document("c", collection).append("i", insert).append("d", doc);
        }

        /**
         * Writes the journal's documents: new ones inserted, others replaced by id — or, finishing a journal after a
         * crash ({@code recovering}), all replaced by id, since some may be there already — then the positions, then
         * removes the journal.
         */
        private void apply(List<Document> writes, Document positions, boolean recovering) {
            Map<String, List<WriteModel<Document>>> byCollection = new LinkedHashMap<>();
            for (Document write : writes) {
                Document doc = write.get("d", Document.class);
                boolean insert = !recovering && write.getBoolean("i", false);
                byCollection.computeIfAbsent(write.getString("c"), c -> new ArrayList<>()).add(insert ? new InsertOneModel<>(doc)
                        : new ReplaceOneModel<>(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true)));
            }
            byCollection.forEach(this::bulk);
            replace(POSITIONS, List.of(positions));
            template.getCollection(JOURNAL).flatMap(c -> Mono.from(c.deleteOne(Filters.eq("_id", key)))).block(TIMEOUT);
        }

        private void replace(String collection, List<Document> docs) {
            List<WriteModel<Document>> writes = new ArrayList<>(docs.size());
            for (Document doc : docs) {
                writes.add(new ReplaceOneModel<>(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true)));
            }
            bulk(collection, writes);
        }

        private void bulk(String collection, List<WriteModel<Document>> writes) {
            if (writes.isEmpty()) {
                return;
            }
            template.getCollection(collection)
                    .flatMap((MongoCollection<Document> c) -> Mono.from(c.bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(true))))
                    .block(TIMEOUT);
        }

        private Document positionsDocument(Map<String, Long> positions, long events) {
            List<Document> list = new ArrayList<>();
            positions.forEach((partition, offset) -> {
                int bar = partition.lastIndexOf('|');
                list.add(new Document("topic", partition.substring(0, bar)).append("partition", Integer.parseInt(partition.substring(bar + 1)))
                        .append("offset", offset));
            });
            return new Document("_id", key).append("positions", list).append("events", events).append("at", new Date());
        }

        @Override
        public Map<String, Long> positions() {
            Document doc = template.findById(key, Document.class, POSITIONS).block(TIMEOUT);
            Map<String, Long> positions = new LinkedHashMap<>();
            if (doc != null) {
                for (Document p : doc.getList("positions", Document.class)) {
                    positions.put(p.getString("topic") + "|" + p.get("partition", Number.class).intValue(), p.get("offset", Number.class).longValue());
                }
            }
            return positions;
        }

        private EntryKind<?> kindOf(Entry entry) {
            return EntryKind.ALL.stream().filter(k -> k.type().isInstance(entry)).findFirst().orElseThrow();
        }

        @Override
        public void recover() {
            // the registers' queries (a site's deals by day); the stand-in ignores these, MongoDB uses them
            for (String step : List.of("small", "big", "contract")) {
                template.indexOps(collection(generation, EntryKind.DEAL)).createIndex(new org.springframework.data.mongodb.core.index.Index()
                        .on("siteId", org.springframework.data.domain.Sort.Direction.ASC)
                        .on(step + ".day", org.springframework.data.domain.Sort.Direction.ASC)).onErrorResume(e -> Mono.empty()).block(TIMEOUT);
            }
            Document journal = template.findById(key, Document.class, JOURNAL).block(TIMEOUT);
            if (journal != null) {
                apply(Journal.unpack(journal.get("writes", org.bson.types.Binary.class)), journal.get("positions", Document.class), true);
            }
        }
    }
}
