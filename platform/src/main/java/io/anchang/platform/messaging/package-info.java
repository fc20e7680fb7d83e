/**
 * Consuming events: one listener container per service for the topics its handlers
 * want; each handler applies an event once (by event id); bounded retries; a record that
 * cannot be processed goes to the topic's dead-letter topic and the partition moves on.
 */
package io.anchang.platform.messaging;
