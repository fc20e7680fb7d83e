/**
 * The audit trail (R-SEC-4): every change of state — who, what, when, before and after,
 * why — in an append-only trail, hash-chained per site so that an edited or removed entry
 * is detected. Entries come from the outbox (one per event) and from refused attempts.
 */
package io.anchang.platform.audit;
