/** Wiring of reception-service. */
package io.anchang.reception.config;
