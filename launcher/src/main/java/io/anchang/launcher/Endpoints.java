package io.anchang.launcher;

/**
 * Where the services find their infrastructure.
 *
 * @param mongo     MongoDB (or the stand-in) without a database, e.g. {@code mongodb://127.0.0.1:27117}
 * @param kafka     Kafka bootstrap servers
 * @param issuer    the token issuer exactly as it appears in tokens' {@code iss}
 * @param jwkSetUri where the issuer's keys are fetched
 * @param tokenUri  where a service's own client gets its token (client-credentials grant)
 */
public record Endpoints(String mongo, String kafka, String issuer, String jwkSetUri, String tokenUri) {
}
