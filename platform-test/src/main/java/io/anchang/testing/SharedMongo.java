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

    public static synchronized String uri(String database) {
        if (standIn == null) {
            standIn = MongoStandIn.inMemory();
            MongoStandIn started = standIn;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stand-in-stop"));
        }
        return standIn.connectionString(database);
    }
}
