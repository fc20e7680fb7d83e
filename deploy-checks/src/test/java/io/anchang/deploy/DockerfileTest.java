package io.anchang.deploy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Dockerfile: pinned JRE, Spring Boot's layers, non-root, heap from the container, exec-form entrypoint")
class DockerfileTest {

    static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    @Test
    @DisplayName("the repository's Dockerfile keeps every rule")
    void dockerfileKeepsEveryRule() {
        assertThat(violations(Repository.read("Dockerfile"))).isEmpty();
    }

    @Test
    @DisplayName("a Dockerfile on an unpinned base, as root, with a fat jar and a shell entrypoint is caught")
    void brokenDockerfileIsCaught() {
        String broken = """
                FROM eclipse-temurin:latest
                ARG MODULE
                COPY ${MODULE}/target/${MODULE}-*-exec.jar /app.jar
                ENTRYPOINT java -jar /app.jar
                """;

        assertThat(violations(broken))
                .anySatisfy(v -> assertThat(v).contains("base image eclipse-temurin:latest is not pinned"))
                .anySatisfy(v -> assertThat(v).contains("no USER"))
                .anySatisfy(v -> assertThat(v).contains("layer dependencies"))
                .anySatisfy(v -> assertThat(v).contains("MaxRAMPercentage"))
                .anySatisfy(v -> assertThat(v).contains("exec form"));
    }

    static List<String> violations(String dockerfile) {
        List<String> out = new ArrayList<>();
        List<String> lines = dockerfile.replace("\\\n", " ").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        java.util.Map<String, String> args = new java.util.HashMap<>();
        List<String> froms = new ArrayList<>();
        String lastUser = null;
        int lastFrom = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher arg = Pattern.compile("^ARG\\s+(\\w+)=(\\S+)").matcher(line);
            if (arg.find()) {
                args.put(arg.group(1), arg.group(2));
            }
            if (line.startsWith("FROM ")) {
                String image = line.split("\\s+")[1];
                Matcher ref = Pattern.compile("^\\$\\{(\\w+)}$").matcher(image);
                froms.add(ref.matches() ? args.get(ref.group(1)) : image);
                lastFrom = i;
                lastUser = null;
            }
            if (line.startsWith("USER ")) {
                lastUser = line.substring(5).strip();
            }
        }
        froms.forEach(image -> {
            if (!PodPolicy.pinned(image)) {
                out.add("base image " + image + " is not pinned to a version");
            }
        });
        if (lastUser == null) {
            out.add("the final stage has no USER: the image would run as root");
        } else if (!lastUser.matches("[1-9]\\d*(:[1-9]\\d*)?")) {
            out.add("USER " + lastUser + " is not a numeric non-root user (runAsNonRoot can only check a number)");
        }
        List<String> finalStage = lines.subList(Math.max(lastFrom, 0), lines.size());
        for (String layer : LAYERS) {
            if (finalStage.stream().noneMatch(l -> l.startsWith("COPY") && l.contains("/" + layer + "/"))) {
                out.add("the final stage copies no layer " + layer + " of Spring Boot's layered jar");
            }
        }
        if (lines.stream().noneMatch(l -> l.contains("-Djarmode=tools") && l.contains("extract --layers --launcher"))) {
            out.add("the jar is not extracted into its layers (java -Djarmode=tools -jar … extract --layers --launcher)");
        }
        if (finalStage.stream().noneMatch(l -> l.contains("-XX:MaxRAMPercentage="))) {
            out.add("the heap is not sized from the container's memory (-XX:MaxRAMPercentage)");
        }
        String entrypoint = finalStage.stream().filter(l -> l.startsWith("ENTRYPOINT")).reduce((a, b) -> b).orElse("");
        if (!entrypoint.matches("ENTRYPOINT\\s*\\[.*\"org\\.springframework\\.boot\\.loader\\.launch\\.JarLauncher\"\\s*]")) {
            out.add("ENTRYPOINT is not the exec form running JarLauncher: java must be PID 1 to get SIGTERM and shut down gracefully");
        }
        return out;
    }
}
