package io.anchang.deal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in the integration tests: the system's, or stopped at the instant a test sets,
 * so that a deadline is crossed by setting the clock — never by sleeping. Every test puts it back.
 */
final class TestClock extends Clock {

    private final AtomicReference<Instant> stopped = new AtomicReference<>();

    /** From now on the service's time is {@code at}, standing still. */
    void set(Instant at) {
        stopped.set(at);
    }

    /** The system's time again. */
    void reset() {
        stopped.set(null);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Instant at = stopped.get();
        return at == null ? Clock.system(zone) : Clock.fixed(at, zone);
    }

    @Override
    public Instant instant() {
        Instant at = stopped.get();
        return at == null ? Instant.now() : at;
    }
}
