package io.anchang.reception.config;

import io.anchang.reception.application.RecoveringWalkIns;
import org.springframework.scheduling.annotation.Scheduled;
import reactor.core.publisher.Mono;

/**
 * Completes registrations left half-done ({@link RecoveringWalkIns}) on start and then every
 * {@code anchang.reception.recovery.every} after the last run ended; safe on every replica. A run that fails is logged
 * and the next one tries again.
 */
public class WalkInRecoverySchedule {

    private final RecoveringWalkIns recovering;

    WalkInRecoverySchedule(RecoveringWalkIns recovering) {
        this.recovering = recovering;
    }

    /** How many entries this run completed. */
    @Scheduled(initialDelay = 0, fixedDelayString = "${anchang.reception.recovery.every:15s}")
    public Mono<Long> recover() {
        return recovering.recover();
    }
}
