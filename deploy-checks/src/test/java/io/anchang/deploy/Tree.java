package io.anchang.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reading parsed YAML (maps, lists, scalars) without a cast on every line. */
final class Tree {

    private Tree() {
    }

    /** The value at the path of keys, or null where the path ends early. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object node, String... path) {
        return list(node, path).stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }

    static String string(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? null : Objects.toString(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> strings(Object node, String... path) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        map(node, path).forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
        return out;
    }
}
