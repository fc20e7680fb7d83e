package io.anchang.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm {@code anchang} that the launcher imports into Keycloak, read as a file: what the
 * services rely on (roles, the {@code sites} claim, the audience) and what the demo relies on
 * (its users). Starts no Keycloak.
 */
class KeycloakRealmTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode REALM = realm();

    private static final Map<String, String> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("SALES", "置业顾问");
        ROLES.put("SUPERVISOR", "销售主任");
        ROLES.put("MANAGER", "销售经理");
        ROLES.put("ASSISTANT", "销售助理");
        ROLES.put("SALES_CONTROL", "总销控");
        ROLES.put("FINANCE", "财务");
        ROLES.put("HEAD_OFFICE", "总部");
        ROLES.put("ADMIN", "管理员");
    }

    record DemoUser(String username, String name, String role, List<String> sites) {
    }

    private static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("admin", "系统管理员", "ADMIN", List.of("*")),
            new DemoUser("sh01-manager", "王经理", "MANAGER", List.of("SH01")),
            new DemoUser("sh01-supervisor", "陈主管", "SUPERVISOR", List.of("SH01")),
            new DemoUser("sh01-sales1", "张伟", "SALES", List.of("SH01")),
            new DemoUser("sh01-sales2", "李娜", "SALES", List.of("SH01")),
            new DemoUser("sh01-sales3", "刘洋", "SALES", List.of("SH01")),
            new DemoUser("sh01-assistant", "周助理", "ASSISTANT", List.of("SH01")),
            new DemoUser("sh01-control", "吴销控", "SALES_CONTROL", List.of("SH01")),
            new DemoUser("sh01-finance", "赵会计", "FINANCE", List.of("SH01")),
            new DemoUser("hz01-manager", "孙经理", "MANAGER", List.of("HZ01")),
            new DemoUser("hz01-sales1", "钱磊", "SALES", List.of("HZ01")),
            new DemoUser("hz01-sales2", "何静", "SALES", List.of("HZ01")),
            new DemoUser("hz01-finance", "郑出纳", "FINANCE", List.of("HZ01")),
            new DemoUser("hq-analyst", "总部分析师", "HEAD_OFFICE", List.of()));

    @Test
    @DisplayName("R-SEC the eight realm roles of the rulebook, with their Chinese names, and reception-service's own role")
    void declaresTheEightRolesOfTheRulebook() {
        Map<String, String> declared = new LinkedHashMap<>();
        REALM.path("roles").path("realm").forEach(role -> declared.put(role.path("name").asString(), role.path("description").asString()));
        Map<String, String> expected = new LinkedHashMap<>(ROLES);
        expected.put("SVC_RECEPTION", "前台服务（reception-service 的服务账户）");
        assertThat(declared).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    @DisplayName("R-SEC-1 each demo user has exactly the listed role and sites")
    void eachDemoUserHasExactlyTheListedRoleAndSites() {
        Map<String, JsonNode> users = new LinkedHashMap<>();
        REALM.path("users").forEach(user -> users.put(user.path("username").asString(), user));
        assertThat(users.keySet()).filteredOn(name -> !name.startsWith("service-account-"))
                .containsExactlyInAnyOrderElementsOf(DEMO_USERS.stream().map(DemoUser::username).toList());
        for (DemoUser expected : DEMO_USERS) {
            JsonNode user = users.get(expected.username());
            assertThat(strings(user.path("realmRoles")).stream().filter(ROLES::containsKey).toList())
                    .as(expected.username()).containsExactly(expected.role());
            assertThat(strings(user.path("attributes").path("sites"))).as(expected.username())
                    .containsExactlyElementsOf(expected.sites());
        }
    }

    @Test
    void demoUsersCanUseThePasswordGrantAtOnce() {
        for (JsonNode user : REALM.path("users")) {
            String username = user.path("username").asString();
            if (username.startsWith("service-account-")) {
                continue;
            }
            // "Account is not fully set up" otherwise: enabled, email, name, no required actions
            assertThat(user.path("enabled").asBoolean()).as(username).isTrue();
            assertThat(user.path("emailVerified").asBoolean()).as(username).isTrue();
            assertThat(user.path("email").asString()).as(username).isEqualTo(username + "@demo.anchang.local");
            assertThat(user.path("requiredActions").isEmpty()).as(username).isTrue();
            JsonNode password = user.path("credentials").get(0);
            assertThat(password.path("type").asString()).isEqualTo("password");
            assertThat(password.path("value").asString()).isEqualTo("demo1234");
            assertThat(password.path("temporary").asBoolean()).as(username).isFalse();
        }
    }

    @Test
    @DisplayName("the token's name (Keycloak writes \"firstName lastName\") is the Chinese name as written")
    void theTokensNameIsTheChineseNameAsWritten() {
        for (DemoUser expected : DEMO_USERS) {
            JsonNode user = user(expected.username());
            String name = String.join(" ", List.of(user.path("firstName"), user.path("lastName")).stream()
                    .map(part -> part.asString(""))
                    .filter(part -> !part.isEmpty())
                    .toList());
            assertThat(name).as(expected.username()).isEqualTo(expected.name());
        }
        // so the user profile must not require a last name
        assertThat(profileAttribute("lastName").has("required")).isFalse();
        assertThat(profileAttribute("firstName").has("required")).isTrue();
    }

    @Test
    @DisplayName("R-SEC-1 the user profile declares sites: several values, edited by administrators only")
    void theUserProfileDeclaresSites() {
        assertThat(profileAttributeNames()).contains("username", "email", "firstName", "lastName", "sites");
        JsonNode sites = profileAttribute("sites");
        assertThat(sites.path("multivalued").asBoolean()).isTrue();
        assertThat(strings(sites.path("permissions").path("edit"))).containsExactly("admin");
        Pattern code = Pattern.compile(sites.path("validations").path("pattern").path("pattern").asString());
        assertThat(List.of("SH01", "HZ01", "*")).allMatch(site -> code.matcher(site).matches());
        assertThat(List.of("sh01", "S", "SH01,HZ01", "**")).noneMatch(site -> code.matcher(site).matches());
    }

    @Test
    void everyMessageKeyOfTheUserProfileIsTranslated() {
        Matcher keys = Pattern.compile("\\$\\{(anchang\\w+)}|\"error-message\":\"(anchang\\w+)\"").matcher(userProfile().toString());
        List<String> used = new ArrayList<>();
        while (keys.find()) {
            used.add(keys.group(1) != null ? keys.group(1) : keys.group(2));
        }
        assertThat(used).isNotEmpty();
        for (String locale : List.of("zh-CN", "en")) {
            assertThat(REALM.path("localizationTexts").path(locale).propertyNames()).as(locale).containsAll(used);
        }
    }

    @Test
    @DisplayName("R-SEC-1 every client of people puts sites into the access token as a list, and the audience anchang")
    void everyClientMapsSitesAndTheAudience() {
        for (String clientId : List.of("anchang-web", "anchang-cli")) {
            JsonNode client = client(clientId);
            JsonNode sites = mapper(client, "oidc-usermodel-attribute-mapper");
            assertThat(sites.path("config").path("user.attribute").asString()).as(clientId).isEqualTo("sites");
            assertThat(sites.path("config").path("claim.name").asString()).as(clientId).isEqualTo("sites");
            assertThat(sites.path("config").path("multivalued").asString()).as(clientId).isEqualTo("true");
            assertThat(sites.path("config").path("access.token.claim").asString()).as(clientId).isEqualTo("true");
            JsonNode audience = mapper(client, "oidc-audience-mapper");
            assertThat(audience.path("config").path("included.custom.audience").asString()).as(clientId).isEqualTo("anchang");
            assertThat(audience.path("config").path("access.token.claim").asString()).as(clientId).isEqualTo("true");
            // basic gives sub, roles gives realm_access.roles, profile gives name and preferred_username
            assertThat(strings(client.path("defaultClientScopes"))).as(clientId).contains("basic", "roles", "profile");
        }
        // the default client scopes are Keycloak's own only if the realm declares none
        assertThat(REALM.has("clientScopes")).isFalse();
    }

    @Test
    void theWebClientIsPublicWithPkceS256AndNoPasswordGrant() {
        JsonNode web = client("anchang-web");
        assertThat(web.path("publicClient").asBoolean()).isTrue();
        assertThat(web.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(web.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(web.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(web.path("attributes").path("pkce.code.challenge.method").asString()).isEqualTo("S256");
        // loopback only: Keycloak ignores the port of http://localhost and http://127.0.0.1 redirects (RFC 8252)
        assertThat(strings(web.path("redirectUris"))).containsExactlyInAnyOrder(
                "http://localhost:8080/*", "http://127.0.0.1:8080/*", "http://localhost/*", "http://127.0.0.1/*");
    }

    @Test
    void theCliClientMayUseThePasswordGrantOnly() {
        JsonNode cli = client("anchang-cli");
        assertThat(cli.path("publicClient").asBoolean()).isTrue();
        assertThat(cli.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(cli.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(cli.path("serviceAccountsEnabled").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("R-SEC Keycloak's built-in admin-cli is declared, disabled and without the password grant: left out, Keycloak creates it in every realm with the grant")
    void keycloaksAdminCliHasNoPasswordGrant() {
        JsonNode adminCli = client("admin-cli");
        assertThat(adminCli.path("enabled").asBoolean(true)).isFalse();
        assertThat(adminCli.path("directAccessGrantsEnabled").asBoolean(true)).isFalse();
        assertThat(adminCli.path("standardFlowEnabled").asBoolean(true)).isFalse();
        assertThat(adminCli.path("implicitFlowEnabled").asBoolean(true)).isFalse();
        assertThat(adminCli.path("serviceAccountsEnabled").asBoolean(true)).isFalse();
        assertThat(adminCli.path("fullScopeAllowed").asBoolean(true)).isFalse();
    }

    @Test
    @DisplayName("R-SEC-1 no client but the web, the CLI and reception-service's own (and Keycloak's admin-cli, disabled): the unused all-sites ADMIN service account is gone")
    void noUnusedClients() {
        assertThat(StreamSupport.stream(REALM.path("clients").spliterator(), false).map(c -> c.path("clientId").asString()))
                .containsExactlyInAnyOrder("admin-cli", "anchang-web", "anchang-cli", "anchang-reception");
        assertThat(StreamSupport.stream(REALM.path("users").spliterator(), false).filter(u -> u.has("serviceAccountClientId"))
                .map(u -> u.path("username").asString())).containsExactly("service-account-anchang-reception");
    }

    @Test
    @DisplayName("R-SEC-1 reception-service's client: confidential, client credentials only, its secret not in the file, its account holding its own role alone, no sites")
    void receptionsClientHasTheLeastItNeeds() {
        JsonNode reception = client("anchang-reception");
        assertThat(reception.path("publicClient").asBoolean()).isFalse();
        assertThat(reception.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(reception.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(reception.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(reception.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(reception.path("secret").asString()).isEqualTo("${ANCHANG_RECEPTION_CLIENT_SECRET}");
        assertThat(reception.path("fullScopeAllowed").asBoolean()).as("its tokens carry only the roles mapped to it").isFalse();
        JsonNode audience = mapper(reception, "oidc-audience-mapper");
        assertThat(audience.path("config").path("included.custom.audience").asString()).isEqualTo("anchang");
        assertThat(StreamSupport.stream(reception.path("protocolMappers").spliterator(), false)
                .map(m -> m.path("protocolMapper").asString())).doesNotContain("oidc-usermodel-attribute-mapper");
        assertThat(strings(reception.path("defaultClientScopes"))).containsExactlyInAnyOrder("basic", "roles");
        JsonNode account = user("service-account-anchang-reception");
        assertThat(account.path("serviceAccountClientId").asString()).isEqualTo("anchang-reception");
        assertThat(strings(account.path("realmRoles"))).containsExactly("SVC_RECEPTION");
        assertThat(account.path("attributes").path("sites").isMissingNode()).isTrue();
        assertThat(StreamSupport.stream(REALM.path("scopeMappings").spliterator(), false)
                .filter(m -> m.path("client").asString().equals("anchang-reception")).flatMap(m -> strings(m.path("roles")).stream()))
                .containsExactly("SVC_RECEPTION");
    }

    @Test
    @DisplayName("what Keycloak keeps in columns of 255 characters fits in them (else the import fails and Keycloak stops)")
    void descriptionsFitKeycloaksColumns() {
        for (JsonNode client : REALM.path("clients")) {
            for (String field : List.of("clientId", "name", "description", "baseUrl")) {
                assertThat(client.path(field).asString("").length()).as(client.path("clientId").asString() + " " + field).isLessThanOrEqualTo(255);
            }
        }
        REALM.path("roles").path("realm").forEach(role ->
                assertThat(role.path("description").asString("").length()).as(role.path("name").asString()).isLessThanOrEqualTo(255));
    }

    @Test
    @DisplayName("R-SEC no secret in the file: every confidential client's secret is a placeholder the launcher fills")
    void noSecretIsCommitted() {
        for (JsonNode client : REALM.path("clients")) {
            if (!client.path("publicClient").asBoolean()) {
                assertThat(client.path("secret").asString()).as(client.path("clientId").asString()).matches("\\$\\{ANCHANG_[A-Z_]+}");
            }
        }
    }

    @Test
    @DisplayName("R-SEC brute-force detection is on: repeated wrong passwords lock the account for a while")
    void bruteForceDetectionIsOn() {
        assertThat(REALM.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(REALM.path("permanentLockout").asBoolean()).isFalse();
        assertThat(REALM.path("failureFactor").asInt()).isBetween(3, 30);
        assertThat(REALM.path("waitIncrementSeconds").asInt()).isPositive();
    }

    @Test
    @DisplayName("R-SEC the web client answers its own origin only, never '*'")
    void theWebOriginIsExact() {
        assertThat(strings(client("anchang-web").path("webOrigins"))).containsExactly("${ANCHANG_WEB_ORIGIN}");
        String rendered = RealmFiles.render(RealmFiles.read(java.nio.file.Path.of("src/main/resources/keycloak/anchang-realm.json")),
                Map.of("ANCHANG_WEB_ORIGIN", "http://localhost:18080", "ANCHANG_RECEPTION_CLIENT_SECRET", "s3cret-of-this-office"));
        JsonNode realm = JSON.readTree(rendered);
        for (JsonNode client : realm.path("clients")) {
            assertThat(strings(client.path("webOrigins"))).as(client.path("clientId").asString()).doesNotContain("*", "+");
        }
        assertThat(strings(clientOf(realm, "anchang-web").path("webOrigins"))).containsExactly("http://localhost:18080");
        assertThat(clientOf(realm, "anchang-reception").path("secret").asString()).isEqualTo("s3cret-of-this-office");
        assertThat(rendered).as("Keycloak's own message keys stay").contains("${anchangSites}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RealmFiles.render("{\"secret\":\"${ANCHANG_RECEPTION_CLIENT_SECRET}\"}", Map.of()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRealmSpeaksChineseFirstAndKeepsAnOfficeDaysSession() {
        assertThat(REALM.path("realm").asString()).isEqualTo(KeycloakServer.REALM);
        assertThat(REALM.path("internationalizationEnabled").asBoolean()).isTrue();
        assertThat(REALM.path("defaultLocale").asString()).isEqualTo("zh-CN");
        assertThat(strings(REALM.path("supportedLocales"))).containsExactlyInAnyOrder("zh-CN", "en");
        assertThat(REALM.path("editUsernameAllowed").asBoolean()).isFalse();
        assertThat(REALM.path("registrationAllowed").asBoolean()).isFalse();
        assertThat(REALM.path("accessTokenLifespan").asInt()).isEqualTo(15 * 60);
        assertThat(REALM.path("ssoSessionIdleTimeout").asInt()).isEqualTo(8 * 60 * 60);
    }

    private static JsonNode realm() {
        try (InputStream in = KeycloakRealmTest.class.getResourceAsStream("/keycloak/anchang-realm.json")) {
            assertThat(in).as("keycloak/anchang-realm.json on the class path").isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode userProfile() {
        JsonNode providers = REALM.path("components").path("org.keycloak.userprofile.UserProfileProvider");
        assertThat(providers.size()).isEqualTo(1);
        assertThat(providers.get(0).path("providerId").asString()).isEqualTo("declarative-user-profile");
        return JSON.readTree(providers.get(0).path("config").path("kc.user.profile.config").get(0).asString());
    }

    private static List<String> profileAttributeNames() {
        return StreamSupport.stream(userProfile().path("attributes").spliterator(), false)
                .map(attribute -> attribute.path("name").asString()).toList();
    }

    private static JsonNode profileAttribute(String name) {
        for (JsonNode attribute : userProfile().path("attributes")) {
            if (attribute.path("name").asString().equals(name)) {
                return attribute;
            }
        }
        throw new AssertionError("the user profile does not declare " + name);
    }

    private static JsonNode client(String clientId) {
        return clientOf(REALM, clientId);
    }

    static JsonNode clientOf(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asString().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private static JsonNode user(String username) {
        for (JsonNode user : REALM.path("users")) {
            if (user.path("username").asString().equals(username)) {
                return user;
            }
        }
        throw new AssertionError("no user " + username);
    }

    private static JsonNode mapper(JsonNode client, String type) {
        List<JsonNode> mappers = StreamSupport.stream(client.path("protocolMappers").spliterator(), false)
                .filter(mapper -> mapper.path("protocolMapper").asString().equals(type)).toList();
        assertThat(mappers).as(client.path("clientId").asString() + " " + type).hasSize(1);
        return mappers.get(0);
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }
}
