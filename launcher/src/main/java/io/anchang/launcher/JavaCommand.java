package io.anchang.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Java command lines for the stack's parts that run from the launcher's own library folder. */
public final class JavaCommand {

    private JavaCommand() {
    }

    static List<Path> libraries(Path lib) {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no launcher libraries in " + lib + "; build first: ./mvnw -DskipTests package", e);
        }
    }

    /** The class path of the launcher's library folder, and its quiet log configuration beside it. */
    static Classpath of(Path lib) {
        return new Classpath(String.join(File.pathSeparator, libraries(lib).stream().map(Path::toString).toList()),
                lib.getParent().resolve("classes").resolve("logback-infrastructure.xml"));
    }

    /** A class path to run a part from, and the log configuration to use (null: the class path's own). */
    public record Classpath(String path, Path logConfiguration) {

        /** This JVM's own class path, for tests. */
        public static Classpath ofThisJvm() {
            return new Classpath(System.getProperty("java.class.path"), null);
        }
    }

    /** {@code java -Xmx<heap> … -cp <classpath> main args...}, with the flags of {@link JvmOptions}. */
    static List<String> command(Classpath classpath, int heapMb, String main, String... args) {
        List<String> command = new ArrayList<>(List.of(ServiceStack.java()));
        command.addAll(JvmOptions.standard(heapMb, Math.min(heapMb, 128)));
        command.addAll(JvmOptions.extra(main.substring(main.lastIndexOf('.') + 1)));
        if (classpath.logConfiguration() != null) {
            command.add("-Dlogback.configurationFile=" + classpath.logConfiguration());
        }
        command.addAll(List.of("-cp", classpath.path(), main));
        command.addAll(List.of(args));
        return command;
    }
}
