/** Wiring of finance-service. */
package io.anchang.finance.config;
