package io.anchang.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM flags every part of the office gets, and what an operator adds for one start:
 * {@code ANCHANG_JFR=<folder>} records each part with Java Flight Recorder (the {@code profile}
 * settings) into {@code <folder>/<part>.jfr}, written when the part stops (or on
 * {@code jcmd <pid> JFR.dump name=anchang}); {@code ANCHANG_JAVA_OPTS} adds flags of one's own
 * (space-separated) after the launcher's, so they win.
 */
public final class JvmOptions {

    private JvmOptions() {
    }

    /**
     * The launcher's flags for a part: a fixed heap ceiling, the serial collector (a dozen JVMs
     * share two cores; a parallel or concurrent collector's threads would compete with the
     * request threads) and the quick JIT compiler only ({@code -XX:TieredStopAtLevel=1}). On
     * two cores shared by a dozen JVMs, the optimising compiler's own work in the minutes after the
     * start cost more than its faster code gave back within them (issue 17, fresh offices on a quiet
     * machine, three runs each: opening day 197 / 292 / 435 holds/s with both tiers against
     * 299 / 424 / 457 with the quick one, p99 of the first run 5.2 s against 2.7 s; walk-ins 39 / 54 /
     * 89 against 64 / 79 / 123 a second). {@code ANCHANG_JAVA_OPTS=-XX:TieredStopAtLevel=4} gives
     * both tiers back.
     */
    static List<String> standard(int heapMb, int initialHeapMb) {
        return List.of("-Xms" + initialHeapMb + "m", "-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-Xss512k",
                "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m", "-Dfile.encoding=UTF-8");
    }

    /** What the environment adds for a part: the flight recording, then {@code ANCHANG_JAVA_OPTS}. */
    static List<String> extra(String part) {
        return extra(part, System.getenv());
    }

    static List<String> extra(String part, Map<String, String> environment) {
        List<String> flags = new ArrayList<>();
        String jfr = environment.get("ANCHANG_JFR");
        if (jfr != null && !jfr.isBlank()) {
            Path file = Path.of(jfr).toAbsolutePath().resolve(part + ".jfr");
            flags.add("-XX:StartFlightRecording=name=anchang,settings=profile,dumponexit=true,filename=" + file);
        }
        String own = environment.get("ANCHANG_JAVA_OPTS");
        if (own != null && !own.isBlank()) {
            flags.addAll(List.of(own.trim().split("\\s+")));
        }
        return flags;
    }
}
