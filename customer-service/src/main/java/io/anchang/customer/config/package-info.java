/** Wiring of customer-service. */
package io.anchang.customer.config;
