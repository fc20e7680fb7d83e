package io.anchang.deploy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Dockerfile's layer extraction works on a service's real jar")
class LayeredJarIntegrationTest {

    @Test
    @DisplayName("java -Djarmode=tools extract gives the four layers the Dockerfile copies, with the launcher it starts")
    void extractionGivesTheLayers(@TempDir Path work) throws Exception {
        Path jar = execJar("reporting-service");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", jar.toString(), "extract", "--layers", "--launcher", "--destination", "extracted")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        for (String layer : DockerfileTest.LAYERS) {
            assertThat(work.resolve("extracted").resolve(layer)).as(layer).isDirectory();
        }
        assertThat(work.resolve("extracted/spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class")).isRegularFile();
        assertThat(work.resolve("extracted/application/BOOT-INF/classes")).isDirectory();
        try (Stream<Path> libs = Files.list(work.resolve("extracted/dependencies/BOOT-INF/lib"))) {
            assertThat(libs.count()).isPositive();
        }
    }

    private static Path execJar(String module) throws IOException {
        try (Stream<Path> files = Files.list(Repository.path(module + "/target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError(module + "'s exec jar is not built (the reactor packages it before this test)"));
        }
    }
}
