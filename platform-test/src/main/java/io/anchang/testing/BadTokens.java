package io.anchang.testing;

import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tokens no service may accept: none, expired beyond the clock skew, from a foreign
 * issuer, claiming another issuer, for another audience, unsigned ({@code alg=none}), and
 * changed after signing. Each must get 401 with a problem detail.
 */
public final class BadTokens {

    private BadTokens() {
    }

    /** Each bad token by name (null: no Authorization header at all). */
    public static Map<String, String> all(String site) {
        TestIssuer issuer = TestIssuer.shared();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("expired beyond the clock skew", issuer.expiredToken("u-expired", "MANAGER", site, Duration.ofMinutes(5)));
        tokens.put("foreign issuer", issuer.foreignIssuerToken("u-foreign", "MANAGER", site));
        tokens.put("issuer claim of another realm", issuer.wrongIssuerClaimToken("u-iss", "MANAGER", site));
        tokens.put("wrong audience", issuer.wrongAudienceToken("u-aud", "MANAGER", site));
        tokens.put("alg=none", issuer.unsignedToken("u-none", "MANAGER", site));
        tokens.put("tampered signature", issuer.tamperedToken("u-tampered", "MANAGER", site));
        return tokens;
    }

    /** Sends each bad token to {@code path} and checks that every one gets 401 as a problem detail. */
    public static void assertEachRefused(WebTestClient web, String path, String site) {
        all(site).forEach((name, token) -> {
            var request = web.get().uri(path);
            if (token != null) {
                request = request.headers(h -> h.setBearerAuth(token));
            }
            var result = request.exchange().expectBody().returnResult();
            assertThat(result.getStatus().value()).as(name + " on " + path).isEqualTo(401);
            assertThat(String.valueOf(result.getResponseHeaders().getContentType())).as(name + " content type")
                    .isEqualTo("application/problem+json");
        });
    }
}
