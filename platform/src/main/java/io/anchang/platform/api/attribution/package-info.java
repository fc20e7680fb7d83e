/**
 * The synchronous question of flow 1 (ARCHITECTURE.md) and its answer, which reception-service
 * sends and customer-service answers: who is this caller or visitor, who serves them, does it
 * use a rotation turn, which rule decided it, and the claims and shares that now stand.
 * Both services compile against these records; the call carries the visit id, so a retry
 * cannot apply the rules twice. Only reception-service's own identity may ask ({@link
 * io.anchang.platform.api.attribution.AttributionApi}, R-SEC-1).
 */
package io.anchang.platform.api.attribution;
