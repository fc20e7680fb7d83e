/** What the gateway answers when a service does not: 503 as an RFC 9457 problem detail. */
package io.anchang.gateway.fallback;
