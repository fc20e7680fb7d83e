package io.anchang.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A token issuer for integration tests: an RSA key, its JWKS served over HTTP on a free
 * port, and tokens shaped like the ones the {@code anchang} Keycloak realm issues
 * ({@code realm_access.roles}, {@code sites}, {@code aud}). It also mints the broken
 * tokens that every service must refuse, and service tokens: a service's own identity
 * ({@link #serviceToken}), also over the token endpoint by the client-credentials grant,
 * as Keycloak answers a service's client ({@link #RECEPTION_CLIENT}).
 *
 * <p>One instance per test JVM is enough: {@link #shared()}.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "anchang";
    /** reception-service's client, its secret here and the realm role its service account holds. */
    public static final String RECEPTION_CLIENT = "anchang-reception";
    public static final String RECEPTION_SECRET = "test-reception-secret";
    public static final String RECEPTION_ROLE = "SVC_RECEPTION";

    private static TestIssuer shared;

    private final RSAKey key;
    private final RSAKey foreignKey;
    private final HttpServer server;
    private final String issuer;
    private final java.util.concurrent.atomic.AtomicInteger serviceTokensIssued = new java.util.concurrent.atomic.AtomicInteger();

    private TestIssuer() {
        try {
            this.key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            this.foreignKey = new RSAKeyGenerator(2048).keyID("foreign-" + UUID.randomUUID()).generate();
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("cannot start the test issuer", e);
        }
        int port = server.getAddress().getPort();
        this.issuer = "http://127.0.0.1:" + port + "/realms/anchang";
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/realms/anchang/protocol/openid-connect/certs", exchange -> {
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/realms/anchang/protocol/openid-connect/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> fields = form(form);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && authorization.startsWith("Basic ")) {
                String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8).split(":", 2);
                fields.put("client_id", java.net.URLDecoder.decode(pair[0], StandardCharsets.UTF_8));
                fields.put("client_secret", pair.length > 1 ? java.net.URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "");
            }
            boolean granted = "client_credentials".equals(fields.get("grant_type")) && RECEPTION_CLIENT.equals(fields.get("client_id"))
                    && RECEPTION_SECRET.equals(fields.get("client_secret"));
            String answer = granted
                    ? "{\"access_token\":\"" + serviceToken(RECEPTION_CLIENT, RECEPTION_ROLE) + "\",\"expires_in\":900,\"token_type\":\"Bearer\"}"
                    : "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}";
            if (granted) {
                serviceTokensIssued.incrementAndGet();
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(granted ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                fields.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8), java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    /** The issuer shared by every test of this JVM, started on first use. */
    public static synchronized TestIssuer shared() {
        if (shared == null) {
            shared = new TestIssuer();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-issuer-stop"));
        }
        return shared;
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/protocol/openid-connect/certs";
    }

    /** The token endpoint: the client-credentials grant for {@link #RECEPTION_CLIENT}. */
    public String tokenUri() {
        return issuer + "/protocol/openid-connect/token";
    }

    /** How many service tokens the token endpoint has given out (a service caches its token). */
    public int serviceTokensIssued() {
        return serviceTokensIssued.get();
    }

    /**
     * Spring properties that point a service at this issuer, and give reception-service its client (the properties
     * {@code ANCHANG_SERVICE_CLIENT_ID}, {@code ANCHANG_SERVICE_CLIENT_SECRET} and {@code ANCHANG_TOKEN_URI} set).
     */
    public Map<String, String> properties() {
        return Map.of(
                "anchang.security.issuer", issuer,
                "anchang.security.jwk-set-uri", jwkSetUri(),
                "anchang.security.audience", AUDIENCE,
                "anchang.service-client.client-id", RECEPTION_CLIENT,
                "anchang.service-client.client-secret", RECEPTION_SECRET,
                "anchang.service-client.token-uri", tokenUri());
    }

    /** A valid token for a user with these roles and sites. */
    public String token(String userId, List<String> roles, List<String> sites) {
        return sign(key, claims(userId, roles, sites).build());
    }

    public String token(String userId, String role, String... sites) {
        return token(userId, List.of(role), List.of(sites));
    }

    /**
     * A service's own token, shaped as Keycloak gives a client's service account by the client-credentials grant: the
     * user {@code service-account-<client>}, {@code azp} the client, its realm role, the audience — and no {@code sites}.
     */
    public String serviceToken(String clientId, String role) {
        Instant now = Instant.now();
        return sign(key, new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(UUID.randomUUID().toString())
                .audience(AUDIENCE)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .claim("azp", clientId)
                .claim("client_id", clientId)
                .claim("preferred_username", "service-account-" + clientId)
                .claim("realm_access", Map.of("roles", List.of(role)))
                .build());
    }

    /** reception-service's own token. */
    public String receptionToken() {
        return serviceToken(RECEPTION_CLIENT, RECEPTION_ROLE);
    }

    /** Expired {@code beyond} ago: beyond the services' clock skew it must be refused. */
    public String expiredToken(String userId, String role, String site, Duration beyond) {
        Instant now = Instant.now();
        return sign(key, claims(userId, List.of(role), List.of(site))
                .issueTime(Date.from(now.minus(beyond).minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(now.minus(beyond)))
                .build());
    }

    /** Signed by a key this issuer never published, claiming another issuer. */
    public String foreignIssuerToken(String userId, String role, String site) {
        return sign(foreignKey, claims(userId, List.of(role), List.of(site))
                .issuer("http://127.0.0.1:1/realms/elsewhere").build());
    }

    /** Signed with this issuer's key, but the {@code iss} claim names another issuer. */
    public String wrongIssuerClaimToken(String userId, String role, String site) {
        return sign(key, claims(userId, List.of(role), List.of(site))
                .issuer("http://127.0.0.1:1/realms/elsewhere").build());
    }

    public String wrongAudienceToken(String userId, String role, String site) {
        return sign(key, claims(userId, List.of(role), List.of(site)).audience("another-app").build());
    }

    /** An unsigned token ({@code alg=none}). */
    public String unsignedToken(String userId, String role, String site) {
        return new PlainJWT(claims(userId, List.of(role), List.of(site)).build()).serialize();
    }

    /** A valid token whose payload was changed after signing (here: more roles and sites). */
    public String tamperedToken(String userId, String role, String site) {
        String valid = token(userId, role, site);
        String[] parts = valid.split("\\.");
        String forged = claims(userId, List.of(role, "ADMIN", "FINANCE"), List.of(site, "ZZ99")).build().toString();
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8));
        return String.join(".", parts);
    }

    private JWTClaimsSet.Builder claims(String userId, List<String> roles, List<String> sites) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(userId)
                .audience(AUDIENCE)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .claim("preferred_username", userId)
                .claim("name", userId)
                .claim("realm_access", Map.of("roles", roles))
                .claim("sites", sites);
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
