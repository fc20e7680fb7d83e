package io.anchang.launcher;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The MongoDB stand-in (mongo-java-server with its H2 backend, taught {@code hello}) as a
 * process of its own, its data in one file under the data folder, kept across restarts.
 */
public final class MongoStandInServer {

    private final int port;
    private final ManagedProcess process;

    public MongoStandInServer(Path lib, Path dataDir, int port, Path logFile, Path pidFile) {
        this.port = port;
        this.process = new ManagedProcess("mongo", JavaCommand.command(JavaCommand.of(lib), 512, "io.anchang.standin.MongoStandIn",
                Integer.toString(port), dataDir.toString()), java.util.Map.of(), logFile, pidFile);
    }

    /** Without a database: the services add theirs. */
    public String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    public MongoStandInServer start() {
        process.start();
        return this;
    }

    public void awaitReady(Duration timeout) {
        Readiness.awaitPort("the MongoDB stand-in", process, port, timeout);
    }

    public void stop() {
        process.stop(30);
    }

    public ManagedProcess process() {
        return process;
    }
}
