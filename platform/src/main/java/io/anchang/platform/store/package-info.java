/**
 * One way to change contended state (ARCHITECTURE.md, consistency): read an aggregate with its version, decide on it,
 * write only if it is still at that version; a lost race reads and decides again.
 */
package io.anchang.platform.store;
