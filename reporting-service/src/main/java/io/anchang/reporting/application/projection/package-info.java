/**
 * Keeping the read models from events: each event type has one {@link io.anchang.reporting.application.projection.Projector}
 * that changes the register entries it concerns; the sheets follow from the entries' contributions
 * ({@link io.anchang.reporting.domain.Ledger}). A batch of events is applied in memory and
 * committed as one (see {@link io.anchang.reporting.application.projection.Projecting}).
 */
package io.anchang.reporting.application.projection;
