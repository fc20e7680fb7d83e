package io.anchang.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * What one user may ask of the services through the gateway (issue 9).
 *
 * @param requestsPerPeriod API requests a user may send per {@code period} (default 600 per 10 s: a
 *                          burst of a few hundred at the desk, about 60 a second sustained)
 * @param period            the rate limiter's period
 * @param streamsPerUser    event streams a user may hold open at once (default 3)
 * @param streamPaths       the paths of event streams
 * @param rememberedUsers   beyond this many users in memory, those idle for long are forgotten
 */
@ConfigurationProperties("anchang.gateway.limits")
public record LimitsProperties(Integer requestsPerPeriod, Duration period, Integer streamsPerUser, List<String> streamPaths,
                               Integer rememberedUsers) {

    public LimitsProperties {
        requestsPerPeriod = requestsPerPeriod == null ? 600 : requestsPerPeriod;
        period = period == null ? Duration.ofSeconds(10) : period;
        streamsPerUser = streamsPerUser == null ? 3 : streamsPerUser;
        streamPaths = streamPaths == null ? List.of("/api/deals/sites/*/unit-changes") : List.copyOf(streamPaths);
        rememberedUsers = rememberedUsers == null ? 10_000 : rememberedUsers;
    }
}
