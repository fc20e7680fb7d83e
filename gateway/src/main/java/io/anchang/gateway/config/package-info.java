/** Wiring of the gateway: CORS for the web UI and its typed properties. */
package io.anchang.gateway.config;
