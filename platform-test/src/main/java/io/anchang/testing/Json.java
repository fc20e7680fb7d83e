package io.anchang.testing;

import java.util.List;
import java.util.Map;

/** Small builders for request bodies in tests. */
public final class Json {

    private Json() {
    }

    public static Map<String, Object> object(Object... keysAndValues) {
        java.util.LinkedHashMap<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static List<Object> list(Object... values) {
        return List.of(values);
    }
}
