package io.anchang.customer.config;

import io.anchang.customer.application.TrackingCustomers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.time.Duration;

/** R-CUS-5: now and then, follow-ups whose day has passed are announced overdue (each once, whatever instance looks). */
final class OverdueSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OverdueSweep.class);

    private final TrackingCustomers tracking;
    private final Duration every;
    private volatile Disposable running;

    OverdueSweep(TrackingCustomers tracking, Duration every) {
        this.tracking = tracking;
        this.every = every;
    }

    @Override
    public void start() {
        running = Flux.interval(Duration.ofSeconds(30), every)
                .concatMap(tick -> tracking.announceOverdue().onErrorResume(e -> {
                    log.warn("could not look for overdue follow-ups: {}", e.toString());
                    return reactor.core.publisher.Mono.just(0L);
                }))
                .subscribe(count -> {
                    if (count > 0) {
                        log.info("{} follow-up(s) announced overdue", count);
                    }
                });
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
