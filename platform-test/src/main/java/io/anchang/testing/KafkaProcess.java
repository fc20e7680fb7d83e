package io.anchang.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (KRaft, combined broker and controller) in a process of its own, on
 * fixed ports and a data folder that survive a restart: for tests that take the broker
 * away and bring it back. It runs from the Kafka jars on this JVM's class path.
 */
public final class KafkaProcess implements AutoCloseable {

    private final int port;
    private final int controllerPort;
    private final Path folder;
    private final Path log;
    private Process process;

    public KafkaProcess(Path folder) {
        this.port = FreePorts.next();
        this.controllerPort = FreePorts.next();
        this.folder = folder;
        this.log = folder.resolve("kafka.log");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Formats the storage on first start, then starts the broker and waits until it accepts connections. */
    public synchronized KafkaProcess start() {
        try {
            Path properties = folder.resolve("server.properties");
            if (!Files.exists(properties)) {
                Files.createDirectories(folder.resolve("data"));
                Files.writeString(properties, String.join("\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "log.dirs=" + folder.resolve("data"),
                        "num.partitions=1",
                        "auto.create.topics.enable=false",
                        "offsets.topic.replication.factor=1",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        "") + "\n");
                run(List.of("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", properties.toString(), "--standalone"), true);
            }
            process = run(List.of("kafka.Kafka", properties.toString()), false);
            awaitPort(Duration.ofSeconds(60));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the broker (the data stays). */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Process run(List<String> main, boolean wait) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        command.addAll(main);
        Process started = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (wait) {
            try {
                if (!started.waitFor(60, TimeUnit.SECONDS) || started.exitValue() != 0) {
                    throw new IllegalStateException("Kafka storage format failed; see " + log);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return started;
    }

    private void awaitPort(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka stopped while starting; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("Kafka did not start within " + timeout + "; see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String clusterId() {
        // a Kafka cluster id is 16 bytes, URL-safe base64 without padding
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
