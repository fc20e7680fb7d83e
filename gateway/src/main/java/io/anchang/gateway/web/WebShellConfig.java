package io.anchang.gateway.web;

/**
 * What the web shell needs to sign a user in: the realm's issuer (the endpoints are
 * {@code <issuer>/protocol/openid-connect/auth|token|logout}) and its public client id.
 * Neither is a secret: the client is public and uses PKCE.
 *
 * @param issuer   the issuer the services accept, exactly as the tokens name it
 * @param clientId the public OIDC client of the web application
 */
public record WebShellConfig(String issuer, String clientId) {
}
