package io.anchang.platform.api.attribution;

/**
 * Where and by whom flow 1's question is asked (R-SEC-1): customer-service answers it on a path of
 * its own for other services, to reception-service's identity only — a token of reception's own
 * Keycloak client (client-credentials grant) holding {@link #RECEPTION_ROLE}, never a user's token.
 * That identity carries no {@code sites} claim: for it alone the site in the path is trusted.
 */
public final class AttributionApi {

    /** {@code POST}, with an {@link AttributionRequest}; answers an {@link AttributionAnswer}. */
    public static final String PATH = "/api/customers/internal/sites/{site}/attributions";

    /** The realm role of reception-service's service account, and of nobody else. */
    public static final String RECEPTION_ROLE = "SVC_RECEPTION";

    private AttributionApi() {
    }
}
