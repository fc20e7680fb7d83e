package io.anchang.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JvmOptionsTest {

    @Test
    void recordsAPartWithFlightRecorderIntoItsOwnFileWhenAskedTo() {
        assertThat(JvmOptions.extra("deal-service", Map.of("ANCHANG_JFR", "/tmp/jfr")))
                .containsExactly("-XX:StartFlightRecording=name=anchang,settings=profile,dumponexit=true,filename="
                        + Path.of("/tmp/jfr").resolve("deal-service.jfr"));
        assertThat(JvmOptions.extra("deal-service", Map.of())).isEmpty();
    }

    @Test
    void addsTheOperatorsOwnFlagsAfterTheLaunchersSoTheyWin() {
        assertThat(JvmOptions.extra("gateway", Map.of("ANCHANG_JAVA_OPTS", "  -XX:TieredStopAtLevel=4   -Xlog:gc ")))
                .containsExactly("-XX:TieredStopAtLevel=4", "-Xlog:gc");
        assertThat(JvmOptions.standard(256, 128)).contains("-Xmx256m", "-Xms128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1");
    }
}
