package io.anchang.reception;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test can move forward (protection expiry, a later day); production exposes no such thing. */
final class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** From now on the clock shows {@code moment}, and runs on from there. */
    void setTo(Instant moment) {
        offset = Duration.between(Instant.now(), moment);
    }

    void reset() {
        offset = Duration.ZERO;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
