package io.anchang.deploy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads from its environment, from its own files: the placeholders of its
 * application.yml and of the platform's defaults (${MONGODB_URI:…}), and, by Spring Boot's
 * relaxed binding (SPRING_KAFKA_SECURITY_PROTOCOL → spring.kafka.security.protocol), every
 * property that the Spring Boot modules on the services' class path declare in their
 * configuration metadata. What it needs: every placeholder of its application.yml, whose
 * defaults point at this machine (127.0.0.1, localhost) and are wrong anywhere else.
 */
final class ServiceEnvironment {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    /** Read by the JVM itself, not by Spring. */
    private static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final Metadata METADATA = Metadata.load();

    private ServiceEnvironment() {
    }

    /** The variables the module's application.yml names. */
    static Set<String> needed(String module) {
        return placeholders(Repository.read(module + "/src/main/resources/application.yml"));
    }

    /** Whether the module reads this variable. */
    static boolean reads(String module, String variable) {
        if (JVM.contains(variable) || needed(module).contains(variable)
                || placeholders(Repository.read("platform/src/main/resources/anchang-platform-defaults.properties")).contains(variable)) {
            return true;
        }
        return METADATA.binds(variable);
    }

    /** What is wrong with the variables a deployment of the module sets. */
    static List<String> violations(String where, String module, Set<String> set) {
        List<String> out = new ArrayList<>();
        for (String variable : new TreeSet<>(set)) {
            if (!reads(module, variable)) {
                out.add(where + " sets " + variable + ", which " + module + " does not read");
            }
        }
        for (String variable : needed(module)) {
            if (!set.contains(variable)) {
                out.add(where + " does not set " + variable + ", which " + module + " needs (its default points at this machine)");
            }
        }
        return out;
    }

    static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The names Spring Boot knows, from every META-INF/spring-configuration-metadata.json on the class path. */
    private record Metadata(Set<String> properties, Set<String> mapPrefixes) {

        static Metadata load() {
            Set<String> properties = new TreeSet<>();
            Set<String> maps = new TreeSet<>();
            JsonMapper json = JsonMapper.builder().build();
            try {
                for (String file : List.of("META-INF/spring-configuration-metadata.json", "META-INF/additional-spring-configuration-metadata.json")) {
                    Enumeration<URL> urls = ServiceEnvironment.class.getClassLoader().getResources(file);
                    for (URL url : Collections.list(urls)) {
                        try (InputStream in = url.openStream()) {
                            JsonNode root = json.readTree(in);
                            for (JsonNode p : root.path("properties")) {
                                for (String name : canonical(p.path("name").asString())) {
                                    properties.add(name);
                                    if (p.path("type").asString("").startsWith("java.util.Map")) {
                                        maps.add(name + "_");
                                    }
                                }
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (properties.isEmpty()) {
                throw new IllegalStateException("no Spring Boot configuration metadata on the class path");
            }
            return new Metadata(properties, maps);
        }

        boolean binds(String variable) {
            return properties.contains(variable) || mapPrefixes.stream().anyMatch(variable::startsWith);
        }

        /**
         * A property's environment-variable forms, as Spring Boot's SystemEnvironmentPropertyMapper
         * accepts them: dots to underscores, upper case, dashes dropped (the documented form) or
         * turned into underscores (the legacy form it still binds).
         */
        static List<String> canonical(String property) {
            String upper = property.replace('.', '_').replace("[", "_").replace("]", "").toUpperCase(java.util.Locale.ROOT);
            return List.of(upper.replace("-", ""), upper.replace('-', '_'));
        }
    }

    static Map<String, String> modules() {
        return Map.of("gateway", "gateway", "reception-service", "reception-service", "customer-service", "customer-service",
                "deal-service", "deal-service", "finance-service", "finance-service", "reporting-service", "reporting-service");
    }
}
