/** Each route's circuit breaker and time limit, counting only the service's own failures, and what the gateway answers for it. */
package io.anchang.gateway.upstream;
