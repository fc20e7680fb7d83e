package io.anchang.customer.adapter.web;

import io.anchang.platform.api.attribution.AttributionApi;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * R-SEC-1: reception-service's own identity — a token of its Keycloak client (client-credentials grant) whose realm
 * roles hold {@link AttributionApi#RECEPTION_ROLE} — the only identity that may ask customer-service to decide a visit.
 * A user's token, whatever its roles and sites, is refused (403) at the door, before the body is read. The identity has
 * no {@code sites} claim: for it alone the site of the path is trusted, and the user it acts for is the one it names.
 */
public final class ReceptionIdentity {

    /** The paths of customer-service meant for other services. */
    public static final String PATHS = "/api/customers/internal/**";

    /** At the door: only reception's identity passes. */
    public static final ReactiveAuthorizationManager<AuthorizationContext> ONLY = new ReactiveAuthorizationManager<>() {
        @Override
        public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
            return authentication.map(auth -> (AuthorizationResult) new AuthorizationDecision(isReception(auth)))
                    .defaultIfEmpty(new AuthorizationDecision(false));
        }
    };

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@:-]{1,64}");

    private ReceptionIdentity() {
    }

    static boolean isReception(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken token && authentication.isAuthenticated() && isReception(token.getToken());
    }

    /** Whether the token's realm roles ({@code realm_access.roles}) hold reception's service role. */
    static boolean isReception(Jwt jwt) {
        return jwt.getClaims().get("realm_access") instanceof Map<?, ?> access && access.get("roles") instanceof Collection<?> roles
                && roles.contains(AttributionApi.RECEPTION_ROLE);
    }

    /**
     * reception-service acting for {@code actingUser} (or for itself, when null) on {@code site} alone — what the use
     * case and the store see, and the audit trail names.
     */
    static Caller actingFor(String actingUser, String site) {
        String user = actingUser == null || actingUser.isBlank() ? "system:reception-service" : actingUser.strip();
        if (!USER_ID.matcher(user.replace("system:", "")).matches()) {
            throw io.anchang.platform.problem.ProblemException.invalid("acting-user-invalid",
                    "前台服务代表的用户编号无效 (The acting user is not a user id)");
        }
        return new Caller(user, "reception-service", Set.of(), SiteScope.of(site));
    }
}
