package io.anchang.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real {@link KeycloakServer} starting a stand-in Keycloak ({@link StandInKeycloak}, run by a {@code bin/kc.sh}
 * of a distribution folder made for the test): a Keycloak that dies while starting (a loaded machine's H2:
 * "Acquisition timeout … Reading from file failed") is started once more, on a new database that imports the realm;
 * one that dies twice, or lives on without answering, fails the start as before.
 */
class KeycloakRetryTest {

    private static final Duration GENEROUS = Duration.ofMinutes(3);

    @TempDir
    Path folder;

    private Path distribution;
    private Path dataDir;
    private Path log;
    private Path realmFile;
    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private KeycloakServer keycloak;

    @BeforeEach
    void distributionWithAStandIn() throws IOException {
        distribution = Files.createDirectories(folder.resolve("keycloak-stand-in"));
        Path script = Files.createDirectories(distribution.resolve("bin")).resolve("kc.sh");
        Files.writeString(script, "#!/bin/sh\nexec '" + ServiceStack.java() + "' -Xmx64m -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' " + StandInKeycloak.class.getName() + " '" + distribution + "' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        realmFile = folder.resolve("realm.json");
        Files.writeString(realmFile, "{\"realm\":\"anchang\",\"secret\":\"${" + RealmFiles.RECEPTION_SECRET + "}\"}");
        dataDir = folder.resolve("office/data/keycloak");
        log = folder.resolve("office/logs/keycloak.log");
        keycloak = new KeycloakServer(distribution, dataDir, Ports.free(0), Ports.free(0), realmFile,
                Map.of(RealmFiles.RECEPTION_SECRET, "secret-of-this-office"), log, folder.resolve("office/pids/keycloak.pid"),
                new Progress(new PrintStream(said, true, StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stop() {
        keycloak.stop();
    }

    @Test
    @DisplayName("a Keycloak that dies while starting is started once more, on a new database that imports the realm again")
    void aKeycloakThatDiesWhileStartingIsStartedOnceMore() throws IOException {
        behaves("dies-on-first-start");

        keycloak.start().awaitReady(GENEROUS);

        assertThat(said()).contains("Keycloak stopped while starting; starting it once more");
        String realm = KeycloakServer.sha256("{\"realm\":\"anchang\",\"secret\":\"secret-of-this-office\"}".getBytes(StandardCharsets.UTF_8));
        // the first start found nothing and died, leaving half a database; the second found no database and the realm to import
        assertThat(starts()).containsExactly("start 1 database=none realm=" + realm, "start 2 database=none realm=" + realm);
        assertThat(keycloak.isAlive()).isTrue();
        // recorded once Keycloak was ready: the next start keeps this database
        assertThat(Files.readString(dataDir.resolve("realm.sha256")).trim()).isEqualTo(realm);
        assertThat(Files.readString(log)).contains("Reading from file failed", "stand-in Keycloak ready");
    }

    @Test
    @DisplayName("a Keycloak that dies twice while starting fails the start, naming its log")
    void aKeycloakThatDiesTwiceFailsTheStartNamingItsLog() throws IOException {
        behaves("dies-always");

        assertThatThrownBy(() -> keycloak.start().awaitReady(GENEROUS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Keycloak stopped while starting")
                .hasMessageContaining(log.toString())
                .hasMessageContaining("Reading from file failed");

        assertThat(starts()).hasSize(2);
        assertThat(keycloak.isAlive()).isFalse();
        assertThat(dataDir.resolve("realm.sha256")).doesNotExist();
    }

    @Test
    @DisplayName("a Keycloak that lives on without answering is not started again: the start fails at its deadline")
    void aKeycloakThatDoesNotAnswerIsNotStartedAgain() throws IOException {
        behaves("never-ready");

        assertThatThrownBy(() -> keycloak.start().awaitReady(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not answer within")
                .hasMessageContaining(log.toString());

        assertThat(said()).doesNotContain("once more");
        // it was started (on a loaded machine its first line may come after the deadline), and only once
        awaitStarts(1);
        assertThat(starts()).hasSize(1);
        assertThat(keycloak.isAlive()).isTrue();
    }

    private void awaitStarts(int count) throws IOException {
        long until = System.nanoTime() + GENEROUS.toNanos();
        while (starts().size() < count && System.nanoTime() < until) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void behaves(String behaviour) throws IOException {
        Files.writeString(distribution.resolve("behaviour"), behaviour);
    }

    private List<String> starts() throws IOException {
        Path starts = distribution.resolve("starts");
        return Files.exists(starts) ? Files.readAllLines(starts) : List.of();
    }

    private String said() {
        return said.toString(StandardCharsets.UTF_8);
    }
}
