/**
 * The platform: only what every service needs the same way — event contracts, the
 * embedded outbox and its relay, idempotent consumption, site-scoped security, problem
 * details, the audit trail, money. No domain rules live here.
 */
package io.anchang.platform;
