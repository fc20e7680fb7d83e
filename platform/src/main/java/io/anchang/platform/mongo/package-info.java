/**
 * The only way services touch MongoDB: every read and write takes a
 * {@link io.anchang.platform.security.SiteScope} and is narrowed to its sites (R-SEC-1);
 * a write and its events are one atomic document update (the embedded outbox).
 */
package io.anchang.platform.mongo;
