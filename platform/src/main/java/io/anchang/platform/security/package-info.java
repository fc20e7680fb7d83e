/**
 * Site-scoped security (R-SEC-1): every service is a resource server that checks the
 * token itself; realm roles become authorities; the {@code sites} claim becomes the
 * caller's {@link io.anchang.platform.security.SiteScope}, which every port method takes.
 */
package io.anchang.platform.security;
