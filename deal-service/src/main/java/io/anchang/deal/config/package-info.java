/** Wiring of deal-service. */
package io.anchang.deal.config;
