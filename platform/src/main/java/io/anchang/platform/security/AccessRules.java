package io.anchang.platform.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;

import java.util.function.Consumer;

/**
 * Role rules a service declares for routes that name no site (for example: only ADMIN
 * registers sites), checked before the body is read — so a caller without the role is
 * refused (403) whatever they send.
 */
@FunctionalInterface
public interface AccessRules extends Consumer<ServerHttpSecurity.AuthorizeExchangeSpec> {
}
