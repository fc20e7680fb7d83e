/**
 * Benchmarks: load against a running office through the gateway with real Keycloak tokens.
 * They print numbers (throughput, p50/p99) and check correctness invariants; they are not tests.
 */
package io.anchang.benchmarks;
