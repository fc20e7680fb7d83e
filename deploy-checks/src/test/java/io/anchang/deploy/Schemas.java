package io.anchang.deploy;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates an object against the JSON schema of its apiVersion and kind committed under
 * deploy-checks/schemas (generate.py says where each comes from). A kind without a schema
 * is an error, not a pass.
 */
final class Schemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry DRAFT_7 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private Schemas() {
    }

    /** What is wrong with the object, by its schema; empty when it is valid. */
    static List<String> errors(Map<String, Object> object) {
        String apiVersion = Tree.string(object, "apiVersion");
        String kind = Tree.string(object, "kind");
        if (apiVersion == null || kind == null) {
            return List.of("an object without apiVersion or kind: " + object);
        }
        String folder = apiVersion.contains("/") ? apiVersion.replace('/', '-') : "core-" + apiVersion;
        String file = "deploy-checks/schemas/" + folder + "/" + kind + ".json";
        if (!Files.isRegularFile(Repository.path(file))) {
            return List.of(kind + " " + Manifests.name(object) + ": no schema for " + apiVersion + " " + kind + " (" + file + ")");
        }
        return validate(LOADED.computeIfAbsent(file, f -> DRAFT_7.getSchema(Repository.read(f))), object,
                kind + " " + Manifests.name(object));
    }

    /** What is wrong with a compose file, by the Compose Specification's schema. */
    static List<String> composeErrors(Map<String, Object> compose) {
        Schema schema = LOADED.computeIfAbsent("compose", f -> {
            // the specification's schema names its parts with draft-04's "id" (unknown to the 2019-09 it declares, and
            // not URIs): the names and the annotations go, the rules stay
            tools.jackson.databind.node.ObjectNode spec = (tools.jackson.databind.node.ObjectNode) JSON.readTree(Repository.read("deploy-checks/schemas/compose-spec.json"));
            spec.remove("$schema");
            dropIds(spec);
            return DRAFT_7.getSchema(spec.toString());
        });
        return validate(schema, compose, "docker-compose.yml");
    }

    private static void dropIds(JsonNode node) {
        if (node instanceof tools.jackson.databind.node.ObjectNode object) {
            if (object.path("id").isString()) {
                object.remove("id");
            }
            // under the 2019-09 the file declares, "format" only annotates (its durations are Go's, 10s, not ISO 8601)
            if (object.path("format").isString()) {
                object.remove("format");
            }
            object.values().forEach(Schemas::dropIds);
        } else if (node.isArray()) {
            node.values().forEach(Schemas::dropIds);
        }
    }

    private static List<String> validate(Schema schema, Object object, String what) {
        JsonNode node = JSON.valueToTree(object);
        return schema.validate(node).stream().map(e -> what + ": " + e.getInstanceLocation() + " " + e.getMessage()).toList();
    }
}
