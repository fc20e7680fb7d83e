/** Wiring of reporting-service. */
package io.anchang.reporting.config;
