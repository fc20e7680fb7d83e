/**
 * The embedded outbox: a change and the events it causes are one atomic write of the
 * aggregate's document (events in its {@code outbox} array); the relay publishes them
 * with an idempotent {@code acks=all} producer, audits them, then removes them. A crash
 * between publishing and removing publishes twice, never zero times. An event the broker
 * refuses for good is parked, not retried forever.
 */
package io.anchang.platform.outbox;
