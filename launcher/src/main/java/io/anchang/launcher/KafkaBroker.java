package io.anchang.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A real Kafka broker (KRaft, broker and controller in one process) from the Kafka jars
 * that Maven resolved into the launcher's library folder. Its storage is formatted once;
 * its data survives restarts. Topics are created by the services themselves (with
 * unlimited retention), never auto-created by a first send.
 */
public final class KafkaBroker {

    private final JavaCommand.Classpath classpath;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final ManagedProcess process;

    public KafkaBroker(JavaCommand.Classpath classpath, Path dataDir, int port, int controllerPort, Path logFile, Path pidFile) {
        this.classpath = classpath;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        Path properties = dataDir.resolve("server.properties");
        this.process = new ManagedProcess("kafka", JavaCommand.command(classpath, 512, "kafka.Kafka", properties.toString()),
                java.util.Map.of(), logFile, pidFile);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (formatting its storage the first time); see {@link #awaitReady}. */
    public KafkaBroker start() {
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            Path properties = dataDir.resolve("server.properties");
            Files.writeString(properties, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + dataDir.resolve("logs"),
                    "num.partitions=3",
                    "auto.create.topics.enable=false",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "") + "\n");
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                format(properties, clusterId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process.start();
        return this;
    }

    public void awaitReady(Duration timeout) {
        Readiness.awaitPort("Kafka", process, port, timeout);
    }

    public void stop() {
        process.stop(30);
    }

    public ManagedProcess process() {
        return process;
    }

    /**
     * Formats the storage for the broker with these properties. The id is given as {@code --cluster-id=<id>}: a random
     * id begins with '-' one time in 64, and given as the next argument the tool took it for an option and failed.
     */
    void format(Path properties, String clusterId) {
        Path log = dataDir.resolve("format.log");
        List<String> command = JavaCommand.command(classpath, 256, "kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId,
                "--config=" + properties, "--standalone");
        try {
            Process format = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!format.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka's storage failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A random cluster id: 16 bytes, URL-safe Base64 (so it may begin with '-'). */
    static String clusterId() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
