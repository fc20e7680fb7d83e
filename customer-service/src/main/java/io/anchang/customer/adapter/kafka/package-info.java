/** What customer-service learns from the desk and from deals: visits and calls to settle, deals to credit. */
package io.anchang.customer.adapter.kafka;
