package io.anchang.testing;

import io.anchang.standin.MongoStandIn;

/**
 * The MongoDB stand-in (mongo-java-server, H2 in memory) that every integration test of
 * this JVM talks to over the wire. Each service's tests use a database of their own.
 */
public final class SharedMongo {

    private static MongoStandIn standIn;

    private SharedMongo() {
    }

    /**
     * Waits until {@code handler} of the service using {@code database} has applied
     * {@code eventId} (the platform records it in {@code consumed_events}).
     */
    public static void awaitConsumed(String database, String handler, java.util.UUID eventId) {
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(uri(database))) {
            var consumed = client.getDatabase(database).getCollection("consumed_events");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                    consumed.find(com.mongodb.client.model.Filters.eq("_id", handler + "/" + eventId)).first() != null);
        }
    }

    public static synchronized String uri(String database) {
        if (standIn == null) {
            standIn = MongoStandIn.inMemory();
            MongoStandIn started = standIn;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stand-in-stop"));
        }
        return standIn.connectionString(database);
    }
}
