package io.anchang.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The objects an overlay renders to, by `kubectl kustomize` (the same Kustomize that
 * `kubectl apply -k` uses), parsed as YAML. Nothing is fetched: the overlays name only
 * files of the repository.
 */
final class Manifests {

    static final List<String> OVERLAYS = List.of("dev", "prod");
    private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** The rendered objects of k8s/overlays/{overlay}. */
    static List<Map<String, Object>> overlay(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> parse(kustomize(Repository.path("k8s/overlays/" + o))));
    }

    /** The rendered overlay with some of its objects taken out and others added: a manifest broken on purpose. */
    static List<Map<String, Object>> overlayWith(String overlay, java.util.function.Predicate<Map<String, Object>> drop,
                                                 List<Map<String, Object>> add) {
        List<Map<String, Object>> objects = new ArrayList<>(copy(overlay(overlay)).stream().filter(drop.negate()).toList());
        objects.addAll(add);
        return objects;
    }

    /** A fixture of src/test/resources (one or more YAML documents). */
    static List<Map<String, Object>> fixture(String name) {
        try (var in = Manifests.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object document : yaml().loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                out.add((Map<String, Object>) map);
            }
        }
        return out;
    }

    static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        return new Yaml(new SafeConstructor(options));
    }

    /** A deep copy, so that a test may break it without touching the cached render. */
    static List<Map<String, Object>> copy(List<Map<String, Object>> objects) {
        return parse(yaml().dumpAll(objects.iterator()));
    }

    static String kind(Map<String, Object> object) {
        return Tree.string(object, "kind");
    }

    static String name(Map<String, Object> object) {
        return Tree.string(object, "metadata", "name");
    }

    static String id(Map<String, Object> object) {
        return kind(object) + "/" + name(object);
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).toList();
    }

    static java.util.Optional<Map<String, Object>> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(kind(o)) && name.equals(name(o))).findFirst();
    }

    private static String kustomize(Path directory) {
        List<String> command = Tools.kustomize(directory);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
