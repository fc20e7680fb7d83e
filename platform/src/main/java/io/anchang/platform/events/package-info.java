/**
 * The event envelope, topic names and the versioned event contracts that producers and
 * consumers compile against. Type names are stable strings, never Java class names.
 */
package io.anchang.platform.events;
