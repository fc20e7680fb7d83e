package io.anchang.platform.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** Adds this instance's counts of refused attempts to the store and writes the summaries of past windows, every few seconds. */
public final class RefusalSummaries implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RefusalSummaries.class);

    private final RefusalAudit refusals;
    private final Duration every;
    private volatile Disposable running;

    public RefusalSummaries(RefusalAudit refusals, Duration every) {
        this.refusals = refusals;
        this.every = every;
    }

    @Override
    public void start() {
        running = Flux.interval(every, every)
                .concatMap(tick -> refusals.flush().then(refusals.summarise())
                        .onErrorResume(error -> {
                            log.warn("refused attempts not summarised this time: {}", error.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = running;
        running = null;
        if (current != null) {
            current.dispose();
            refusals.flush().onErrorResume(error -> Mono.empty()).block(Duration.ofSeconds(10));
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
