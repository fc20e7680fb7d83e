package io.anchang.finance.domain;

import java.time.Instant;

/** R-FIN-1: a receipt or voucher voided — why, by whom, when; it keeps its number and is never deleted. */
public record Voiding(String reason, String by, String byName, Instant at) {
}
