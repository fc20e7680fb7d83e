package io.anchang.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production realm ({@code keycloak/anchang-realm-production.json}) beside the local one, read as files: the
 * production realm is the local realm without its demo parts, and each file has the properties its place needs.
 */
class ProductionRealmTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path LOCAL = Path.of("src/main/resources/keycloak/anchang-realm.json");
    private static final Path PRODUCTION = Path.of("src/main/resources/keycloak/anchang-realm-production.json");

    private static JsonNode read(Path file) {
        return JSON.readTree(RealmFiles.read(file));
    }

    private static List<JsonNode> each(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<String> strings(JsonNode array) {
        return each(array).stream().map(JsonNode::asString).toList();
    }

    @Test
    @DisplayName("the production realm is the local realm without its demo parts (else: run io.anchang.launcher.RealmFiles to write it again)")
    void theProductionRealmIsCurrent() {
        assertThat(Files.exists(PRODUCTION)).isTrue();
        assertThat(read(PRODUCTION)).as("launcher/src/main/resources/keycloak/anchang-realm-production.json is out of date: "
                + "java -cp launcher/target/classes:launcher/target/lib/* io.anchang.launcher.RealmFiles").isEqualTo(RealmFiles.production(read(LOCAL)));
    }

    @Test
    @DisplayName("R-SEC production: no demo users, no password grant, HTTPS everywhere, brute-force detection, the web origin exactly the deployment's, no secret in the file")
    void theProductionRealmIsLockedDown() {
        JsonNode realm = read(PRODUCTION);
        assertThat(realm.path("sslRequired").asString()).isEqualTo("all");
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(each(realm.path("users"))).as("only service accounts; people are added by the deployment's administrators")
                .allSatisfy(user -> assertThat(user.hasNonNull("serviceAccountClientId")).as(user.path("username").asString()).isTrue())
                .noneSatisfy(user -> assertThat(user.has("credentials")).isTrue());
        assertThat(each(realm.path("clients")).stream().map(c -> c.path("clientId").asString()))
                .containsExactlyInAnyOrder("admin-cli", "anchang-web", "anchang-reception");
        // Keycloak creates admin-cli with the password grant in every realm that does not declare it
        assertThat(KeycloakRealmTest.clientOf(realm, "admin-cli").path("enabled").asBoolean(true)).isFalse();
        assertThat(each(realm.path("clients"))).allSatisfy(client -> {
            assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(client.path("clientId").asString()).isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
            assertThat(strings(client.path("webOrigins"))).doesNotContain("*", "+");
            if (!client.path("publicClient").asBoolean()) {
                assertThat(client.path("secret").asString()).matches("\\$\\{ANCHANG_[A-Z_]+}");
            }
        });
        JsonNode web = KeycloakRealmTest.clientOf(realm, "anchang-web");
        assertThat(strings(web.path("webOrigins"))).containsExactly("${ANCHANG_WEB_ORIGIN}");
        assertThat(strings(web.path("redirectUris"))).containsExactly("${ANCHANG_WEB_ORIGIN}/*");
        assertThat(web.path("attributes").path("pkce.code.challenge.method").asString()).isEqualTo("S256");
        assertThat(RealmFiles.read(PRODUCTION)).doesNotContain("demo1234").doesNotContain("localhost").doesNotContain("127.0.0.1");
    }

    @Test
    @DisplayName("R-SEC local: the password grant only for the CLI client (seeding, system tests, benchmarks), brute-force detection on, no secret in the file")
    void theLocalRealmKeepsThePasswordGrantForTheCliClientOnly() {
        JsonNode realm = read(LOCAL);
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(each(realm.path("clients")).stream().filter(c -> c.path("directAccessGrantsEnabled").asBoolean())
                .map(c -> c.path("clientId").asString())).containsExactly(KeycloakServer.CLI_CLIENT);
        assertThat(RealmFiles.read(LOCAL)).doesNotContain("local-secret");
        assertThat(each(realm.path("clients"))).allSatisfy(client -> assertThat(strings(client.path("webOrigins"))).doesNotContain("*"));
    }

    @Test
    @DisplayName("both realms import with their placeholders filled, and with nothing left unfilled")
    void bothRealmsRender() {
        java.util.Map<String, String> values = java.util.Map.of(RealmFiles.WEB_ORIGIN, "https://anchang.example.com",
                RealmFiles.RECEPTION_SECRET, "a-secret-from-the-environment");
        for (Path file : List.of(LOCAL, PRODUCTION)) {
            String rendered = RealmFiles.render(RealmFiles.read(file), values);
            assertThat(rendered).as(file.toString()).doesNotContain("${ANCHANG_");
            assertThat(JSON.readTree(rendered).path("realm").asString()).isEqualTo("anchang");
        }
    }
}
