/**
 * Errors a user can act on, as RFC 9457 problem details: a stable type, a title, a
 * detail a desk clerk understands. Plain Java, so domains may throw them.
 */
package io.anchang.platform.problem;
