/** The event handlers that keep the read models, one per contract they follow. */
package io.anchang.reporting.adapter.kafka;
