/** customer-service, asked over HTTP with the caller's token, a time limit and a circuit breaker (flow 1). */
package io.anchang.reception.adapter.client;
