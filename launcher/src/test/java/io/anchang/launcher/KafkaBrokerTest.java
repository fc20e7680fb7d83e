package io.anchang.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void formatsItsStorageWhateverTheClusterIdBeginsWith(@TempDir Path folder) throws Exception {
        KafkaBroker broker = new KafkaBroker(JavaCommand.Classpath.ofThisJvm(), folder.resolve("data"), 19092, 19093,
                folder.resolve("kafka.log"), folder.resolve("kafka.pid"));
        Path logs = folder.resolve("data").resolve("logs");
        Files.createDirectories(logs);
        Path properties = folder.resolve("data").resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller", "node.id=1", "controller.quorum.bootstrap.servers=127.0.0.1:19093",
                "listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT", "log.dirs=" + logs, ""));

        // one random id in 64 begins with '-': given as the argument after -t, the tool took it for an option
        broker.format(properties, "-AAAAAAAAAAAAAAAAAAAAQ");

        assertThat(Files.readString(logs.resolve("meta.properties"))).contains("cluster.id=-AAAAAAAAAAAAAAAAAAAAQ");
    }

    @Test
    void aClusterIdIsSixteenRandomBytes() {
        assertThat(KafkaBroker.clusterId()).hasSize(22).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(KafkaBroker.clusterId());
    }
}
