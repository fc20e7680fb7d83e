package io.anchang.reception.config;

import io.anchang.reception.application.Reconciling;
import org.springframework.scheduling.annotation.Scheduled;
import reactor.core.publisher.Mono;

/**
 * Asks customer-service again about every visit and call registered without its answer ({@link Reconciling}), shortly
 * after start and then every {@code anchang.reception.reconcile.every} after the last run ended; safe on every replica
 * (the question is answered once per visit, a turn is given back once). A run that fails is logged and the next one
 * tries again.
 */
public class ReconcilingSchedule {

    private final Reconciling reconciling;

    ReconcilingSchedule(Reconciling reconciling) {
        this.reconciling = reconciling;
    }

    /** How many entries this run completed. */
    @Scheduled(initialDelayString = "${anchang.reception.reconcile.every:15s}", fixedDelayString = "${anchang.reception.reconcile.every:15s}")
    public Mono<Long> askAgain() {
        return reconciling.askAgain();
    }
}
