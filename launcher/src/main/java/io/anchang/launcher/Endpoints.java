package io.anchang.launcher;

/**
 * Where the services find their infrastructure.
 *
 * @param mongo     MongoDB (or the stand-in) without a database, e.g. {@code mongodb://127.0.0.1:27117}
 * @param kafka     Kafka bootstrap servers
 * @param issuer    the token issuer exactly as it appears in tokens' {@code iss}
 * @param jwkSetUri where the issuer's keys are fetched
 * @param auditKey  the secret the services key their audit trails with ({@code ANCHANG_AUDIT_KEY})
 */
public record Endpoints(String mongo, String kafka, String issuer, String jwkSetUri, String auditKey) {

    @Override
    public String toString() {
        return "Endpoints[mongo=" + mongo + ", kafka=" + kafka + ", issuer=" + issuer + ", jwkSetUri=" + jwkSetUri + "]";
    }
}
