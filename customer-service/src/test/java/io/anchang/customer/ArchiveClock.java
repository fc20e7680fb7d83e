package io.anchang.customer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test can set to a day (a festival, a birthday) and that runs on from there; production has no such thing. */
final class ArchiveClock extends Clock {

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
        ArchiveClock archiveClock() {
            return new ArchiveClock();
        }
    }
}
