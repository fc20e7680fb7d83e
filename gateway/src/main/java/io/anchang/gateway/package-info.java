/**
 * The gateway is the web UI's one door: it checks the token, routes {@code /api/**} to the
 * service that owns it with the token and the correlation id, and answers 503 with a
 * problem detail when that service does not answer in time.
 */
package io.anchang.gateway;
