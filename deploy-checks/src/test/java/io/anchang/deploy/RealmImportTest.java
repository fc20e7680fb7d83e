package io.anchang.deploy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/base/keycloak/realm-import.yaml is the Keycloak operator's KeycloakRealmImport made
 * from the production realm (launcher/src/main/resources/keycloak/anchang-realm-production.json:
 * no demo users, no password grant), never edited by hand. Regenerate it after the realm changes:
 *
 *   ./mvnw -B -ntp -pl deploy-checks -am test -Dtest=RealmImportTest -Dsurefire.failIfNoSpecifiedTests=false -Danchang.regenerate=true
 *
 * Until the production realm exists, the import is made from the development realm without
 * its users. Placeholders ${NAME} in the realm (client secrets) are filled by the operator
 * from Secret keycloak-realm-secrets, key NAME.
 */
@DisplayName("The realm import is generated from the repository's realm, without demo users")
class RealmImportTest {

    static final String PRODUCTION = "launcher/src/main/resources/keycloak/anchang-realm-production.json";
    static final String DEVELOPMENT = "launcher/src/main/resources/keycloak/anchang-realm.json";
    static final String IMPORT = "k8s/base/keycloak/realm-import.yaml";
    static final String HEADER = """
            # Generated from %s by RealmImportTest (deploy-checks); do not edit.
            # Regenerate: ./mvnw -B -ntp -pl deploy-checks -am test -Dtest=RealmImportTest -Dsurefire.failIfNoSpecifiedTests=false -Danchang.regenerate=true
            """;

    @Test
    @DisplayName("the committed KeycloakRealmImport is the realm file's, users removed")
    void committedImportIsCurrent() throws IOException {
        String source = Files.exists(Repository.path(PRODUCTION)) ? PRODUCTION : DEVELOPMENT;
        String generated = HEADER.formatted(source) + yaml().dump(realmImport(Repository.read(source)));
        if (Boolean.getBoolean("anchang.regenerate")) {
            Files.writeString(Repository.path(IMPORT), generated);
        }

        assertThat(Manifests.parse(Repository.read(IMPORT)))
                .as("%s is not what %s gives: regenerate it (see RealmImportTest)", IMPORT, source)
                .isEqualTo(Manifests.parse(generated));
        assertThat(Repository.read(IMPORT)).as("generated from").contains("Generated from " + source);
    }

    @Test
    @DisplayName("no user and no client secret of the realm file reaches the cluster: secrets become placeholders filled from a Secret")
    void usersAreRemovedAndSecretsArePlaceholders() {
        String realm = """
                {"realm": "anchang", "users": [{"username": "sh01-sales1"}],
                 "clients": [{"clientId": "reception-service", "secret": "${RECEPTION_SERVICE_CLIENT_SECRET}"},
                             {"clientId": "anchang-services", "secret": "anchang-services-local-secret"}]}
                """;

        Map<String, Object> cr = realmImport(realm);

        assertThat(Tree.map(cr, "spec", "realm")).doesNotContainKey("users");
        assertThat(Tree.map(cr, "spec", "placeholders")).containsOnlyKeys("RECEPTION_SERVICE_CLIENT_SECRET", "ANCHANG_SERVICES_CLIENT_SECRET");
        assertThat(Tree.maps(cr, "spec", "realm", "clients")).extracting(c -> c.get("secret"))
                .containsExactly("${RECEPTION_SERVICE_CLIENT_SECRET}", "${ANCHANG_SERVICES_CLIENT_SECRET}");
        assertThat(Tree.string(cr, "spec", "placeholders", "RECEPTION_SERVICE_CLIENT_SECRET", "secret", "name")).isEqualTo("keycloak-realm-secrets");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> realmImport(String realmJson) {
        Map<String, Object> realm = new LinkedHashMap<>(JsonMapper.builder().build().readValue(realmJson, LinkedHashMap.class));
        realm.remove("users");
        // a client's secret never reaches the cluster from the repository: the operator fills it from a Secret
        for (Map<String, Object> client : Tree.maps(realm, "clients")) {
            Object secret = client.get("secret");
            if (secret != null && !String.valueOf(secret).startsWith("${")) {
                client.put("secret", "${" + String.valueOf(client.get("clientId")).toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET}");
            }
        }
        Map<String, Object> placeholders = new TreeMap<>();
        for (String name : ServiceEnvironment.placeholders(JsonMapper.builder().build().writeValueAsString(realm))) {
            placeholders.put(name, Map.of("secret", Map.of("name", "keycloak-realm-secrets", "key", name)));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("keycloakCRName", "anchang-keycloak");
        if (!placeholders.isEmpty()) {
            spec.put("placeholders", placeholders);
        }
        spec.put("realm", realm);
        Map<String, Object> cr = new LinkedHashMap<>();
        cr.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        cr.put("kind", "KeycloakRealmImport");
        cr.put("metadata", Map.of("name", "anchang-realm"));
        cr.put("spec", spec);
        return cr;
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        options.setSplitLines(false);
        return new Yaml(options);
    }
}
