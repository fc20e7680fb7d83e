package io.anchang.platform.api.attribution;

import java.math.BigDecimal;

/** One rep's part if the deal were made: credit as a fraction of the sale (0.5 套), bonus in percent. */
public record Share(String userId, BigDecimal credit, int bonusPercent) {
}
