package io.anchang.launcher;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The realm {@code anchang} as files. {@code keycloak/anchang-realm.json} is the office on one machine: demo users, the
 * password grant for the CLI client (seeding, system tests, benchmarks), plain HTTP on the loopback. Its secrets and
 * the web origin are placeholders ({@code ${ANCHANG_RECEPTION_CLIENT_SECRET}}, {@code ${ANCHANG_WEB_ORIGIN}}) that the
 * launcher fills before Keycloak imports it ({@link #render}) — the same names Keycloak itself fills from its
 * environment at import. {@code keycloak/anchang-realm-production.json} is made from it ({@link #production}): no demo
 * users, no CLI client and no password grant at all, HTTPS required everywhere, the web client's origin exactly the
 * deployment's. Run {@code main} to write it again after changing the local realm; a test checks that it is current.
 */
public final class RealmFiles {

    public static final String LOCAL = "launcher/src/main/resources/keycloak/anchang-realm.json";
    public static final String PRODUCTION = "launcher/src/main/resources/keycloak/anchang-realm-production.json";
    public static final String RECEPTION_SECRET = "ANCHANG_RECEPTION_CLIENT_SECRET";
    public static final String WEB_ORIGIN = "ANCHANG_WEB_ORIGIN";

    /** Our placeholders; Keycloak's own message keys in the user profile (${anchangSites}) are lower case and stay. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(ANCHANG_[A-Z0-9_]+)}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RealmFiles() {
    }

    /** The realm with every placeholder filled; a placeholder without a value is an error, never imported as it is. */
    public static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("the realm needs a value for " + matcher.group(1));
            }
            // a JSON string's content: the secrets are base64url, the origin a URL; nothing to escape, checked anyway
            if (value.contains("\"") || value.contains("\\")) {
                throw new IllegalStateException("the value of " + matcher.group(1) + " may not contain quotes or backslashes");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The production realm made from the local one. */
    public static ObjectNode production(JsonNode local) {
        ObjectNode realm = (ObjectNode) local.deepCopy();
        realm.put("sslRequired", "all");
        ArrayNode users = realm.putArray("users");
        for (JsonNode user : local.path("users")) {
            // service accounts only: people are added by the deployment's administrators
            if (user.hasNonNull("serviceAccountClientId")) {
                users.add(user.deepCopy());
            }
        }
        ArrayNode clients = realm.putArray("clients");
        for (JsonNode client : local.path("clients")) {
            if (KeycloakServer.CLI_CLIENT.equals(client.path("clientId").asString())) {
                continue;
            }
            ObjectNode copy = (ObjectNode) client.deepCopy();
            copy.put("directAccessGrantsEnabled", false);
            if (KeycloakServer.WEB_CLIENT.equals(client.path("clientId").asString())) {
                copy.put("baseUrl", "${" + WEB_ORIGIN + "}/");
                copy.putArray("redirectUris").add("${" + WEB_ORIGIN + "}/*");
                copy.putArray("webOrigins").add("${" + WEB_ORIGIN + "}");
            }
            clients.add(copy);
        }
        return realm;
    }

    /** Writes the production realm from the local one: {@code java -cp … io.anchang.launcher.RealmFiles [projectRoot]}. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        JsonNode local = JSON.readTree(Files.readString(root.resolve(LOCAL), StandardCharsets.UTF_8));
        Files.writeString(root.resolve(PRODUCTION), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(production(local)) + "\n",
                StandardCharsets.UTF_8);
        System.out.println("wrote " + root.resolve(PRODUCTION));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
