package io.anchang.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The environment a container gets: its envFrom ConfigMaps' keys, then its env entries. */
final class Environment {

    /** A value that comes from a Secret: its name is known, its value is not. */
    static final String FROM_SECRET = "<from a Secret>";

    private Environment() {
    }

    static Map<String, String> of(Map<String, Object> container, List<Map<String, Object>> objects) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : Tree.maps(container, "envFrom")) {
            String configMap = Tree.string(from, "configMapRef", "name");
            if (configMap != null) {
                Map<String, Object> data = Manifests.find(objects, "ConfigMap", configMap)
                        .orElseThrow(() -> new AssertionError("envFrom names ConfigMap " + configMap + ", which is not rendered"));
                Tree.strings(data, "data").forEach(env::put);
            }
            if (Tree.at(from, "secretRef") != null) {
                throw new AssertionError("envFrom secretRef hides which variables a container gets: name each (secretKeyRef)");
            }
        }
        for (Map<String, Object> e : Tree.maps(container, "env")) {
            String name = Tree.string(e, "name");
            if (Tree.at(e, "valueFrom", "secretKeyRef") != null) {
                env.put(name, FROM_SECRET);
            } else if (Tree.at(e, "valueFrom", "configMapKeyRef") != null) {
                String cm = Tree.string(e, "valueFrom", "configMapKeyRef", "name");
                String key = Tree.string(e, "valueFrom", "configMapKeyRef", "key");
                env.put(name, Manifests.find(objects, "ConfigMap", cm).map(o -> Tree.string(o, "data", key))
                        .orElseThrow(() -> new AssertionError(name + " refers to ConfigMap " + cm + ", which is not rendered")));
            } else {
                env.put(name, Tree.string(e, "value"));
            }
        }
        return env;
    }
}
