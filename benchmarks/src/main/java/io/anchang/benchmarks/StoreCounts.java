package io.anchang.benchmarks;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The store operations a stretch of a run cost, as the MongoDB stand-in counts them (its
 * {@code anchangCounts} command): by database, collection and command. Against a real
 * MongoDB, which has no such command, the counts are simply not printed.
 */
final class StoreCounts implements AutoCloseable {

    private final MongoClient client;

    StoreCounts(String uri) {
        this.client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS))
                .build());
    }

    /** The counts since the last call (and from zero again); empty if the store does not count. */
    Map<String, Long> takeAll() {
        try {
            Document counts = client.getDatabase("admin").runCommand(new Document("anchangCounts", 1).append("reset", true))
                    .get("counts", Document.class);
            Map<String, Long> all = new TreeMap<>();
            counts.forEach((key, value) -> {
                long count = ((Number) value).longValue();
                if (count > 0) {
                    all.put(key, count);
                }
            });
            return all;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** Prints the counts per request (those of databases other than {@code except}), and the total. */
    static double print(Map<String, Long> counts, int requests, String per, String except) {
        if (counts.isEmpty()) {
            System.out.println("(the store does not count its operations: not the stand-in)");
            return Double.NaN;
        }
        long total = 0;
        System.out.printf("| store operation (database.collection command) | count | per %s |%n|---|---|---|%n", per);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (except != null && e.getKey().startsWith(except + ".")) {
                continue;
            }
            total += e.getValue();
            System.out.printf("| %s | %d | %.2f |%n", e.getKey(), e.getValue(), e.getValue() / (double) requests);
        }
        System.out.printf("| **all** | %d | **%.2f** |%n", total, total / (double) requests);
        return total / (double) requests;
    }

    @Override
    public void close() {
        client.close();
    }
}
