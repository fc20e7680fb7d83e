/**
 * Consuming events: one listener container per service for the topics its handlers
 * want; each handler applies an event once (by event id, and by a marker written with
 * its effect); a failure that passes is retried with growing back-off, its partition
 * paused meanwhile; a poison record goes to the topic's dead-letter topic at once and
 * the partition moves on. Dead letters are counted (health, metrics) and an ADMIN
 * replays them after a fix ({@link io.anchang.platform.messaging.DeadLetters}).
 */
package io.anchang.platform.messaging;
