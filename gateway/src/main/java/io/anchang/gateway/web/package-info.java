/**
 * The web application as the gateway serves it: its page with the libraries' versions in their
 * addresses and its Content-Security-Policy, every screen's address answered with that page, the
 * libraries from their WebJars and the application's own files with their cache headers, and
 * where to sign in.
 */
package io.anchang.gateway.web;
