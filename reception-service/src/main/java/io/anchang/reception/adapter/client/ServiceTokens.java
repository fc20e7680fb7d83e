package io.anchang.reception.adapter.client;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * reception-service's own identity (R-SEC-1): an access token of its Keycloak client, obtained by the client-credentials
 * grant with the secret from the environment ({@code ANCHANG_SERVICE_CLIENT_ID}, {@code ANCHANG_SERVICE_CLIENT_SECRET},
 * {@code ANCHANG_TOKEN_URI}) and kept until shortly before it expires. Concurrent callers share one fetch; a token
 * customer-service refused is forgotten, so that the next call fetches a new one.
 */
public final class ServiceTokens {

    /** A token is renewed this long before it expires, so that none expires on its way. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private final WebClient web;
    private final String tokenUri;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeout;
    private final AtomicReference<Mono<String>> current = new AtomicReference<>();

    public ServiceTokens(WebClient web, String tokenUri, String clientId, String clientSecret, Duration timeout) {
        this.web = web;
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
    }

    /** Whether a client and its secret are configured at all. */
    public boolean configured() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank()
                && tokenUri != null && !tokenUri.isBlank();
    }

    /** The token to send, fetched when there is none or it is about to expire. */
    public Mono<String> token() {
        return Mono.defer(() -> {
            Mono<String> cached = current.get();
            if (cached == null) {
                Mono<String> fresh = fetch();
                cached = current.compareAndSet(null, fresh) ? fresh : current.get();
            }
            return cached;
        });
    }

    /** customer-service refused the token (401): the next {@link #token()} fetches another. */
    public void forget() {
        current.set(null);
    }

    private record Granted(String token, Duration lifetime) {
    }

    private Mono<String> fetch() {
        if (!configured()) {
            return Mono.error(new IllegalStateException("reception-service has no client of its own: set ANCHANG_SERVICE_CLIENT_ID, "
                    + "ANCHANG_SERVICE_CLIENT_SECRET and ANCHANG_TOKEN_URI"));
        }
        return web.post().uri(tokenUri)
                .header(HttpHeaders.AUTHORIZATION, "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8)))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(Map.class)
                        : response.bodyToMono(String.class).defaultIfEmpty("").flatMap(body -> Mono.error(new IllegalStateException(
                        "the identity provider gave reception-service no token (HTTP " + response.statusCode().value() + "): "
                                + (body.length() > 200 ? body.substring(0, 200) : body)))))
                .timeout(timeout)
                .map(ServiceTokens::granted)
                // kept until MARGIN before it expires; a failed fetch is not kept
                .cache(granted -> granted.lifetime().minus(MARGIN).isNegative() ? Duration.ZERO : granted.lifetime().minus(MARGIN),
                        error -> Duration.ZERO, () -> Duration.ZERO)
                .map(Granted::token);
    }

    private static Granted granted(Map<?, ?> body) {
        Object token = body.get("access_token");
        if (!(token instanceof String value) || value.isBlank()) {
            throw new IllegalStateException("the identity provider's answer has no access_token");
        }
        Object expiresIn = body.get("expires_in");
        long seconds = expiresIn instanceof Number n ? n.longValue() : 60;
        return new Granted(value, Duration.ofSeconds(Math.max(seconds, 0)));
    }

    /** RFC 6749 2.3.1: the client id and secret are form-encoded before they go into the Basic header. */
    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
