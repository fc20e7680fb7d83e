package io.anchang.standin;

import de.bwaldvogel.mongo.MongoServer;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A running stand-in: in memory (tests) or on disk (the local stack), bound to loopback.
 * {@link #main(String[])} runs it as a process: {@code MongoStandIn <port> <data-folder>}.
 */
public final class MongoStandIn implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private MongoStandIn(StandInBackend backend, int port) {
        this.server = new MongoServer(backend);
        this.server.bind("127.0.0.1", port);
        this.address = server.getLocalAddress();
    }

    /** In memory, on a free port. */
    public static MongoStandIn inMemory() {
        return new MongoStandIn(StandInBackend.inMemory(), 0);
    }

    /** On disk under {@code folder}, on {@code port} (0 for a free one). */
    public static MongoStandIn onDisk(Path folder, int port) {
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + folder, e);
        }
        return new MongoStandIn(StandInBackend.onDisk(folder.resolve("anchang.mv").toString()), port);
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString(String database) {
        return "mongodb://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() {
        server.shutdownNow(); // closes the backend too
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: MongoStandIn <port> <data-folder>");
            System.exit(2);
        }
        MongoStandIn standIn = onDisk(Path.of(args[1]), Integer.parseInt(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "stand-in-stop"));
        System.out.println("MongoDB stand-in listening on 127.0.0.1:" + standIn.port() + ", data in " + args[1]);
        Thread.currentThread().join();
    }
}
