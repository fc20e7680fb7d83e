/** What the desk learns from customer-service: attributions to reconcile, and news for the inboxes. */
package io.anchang.reception.adapter.kafka;
