package io.anchang.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * What one service instance takes on at once and how long it works on a request
 * (issue 10: a 503 means nothing happened), and how much JSON it reads (issue 9).
 *
 * @param maxInFlight      requests handled at the same time; more wait in a small queue
 * @param maxQueued        requests that may wait for a free place; beyond, 503 at once
 * @param maxQueueWait     how long a request waits for a place before it is answered 503
 * @param deadline         how long an admitted request may take (the handler chain); past it the
 *                         answer is 504 "outcome unknown" — the gateway waits longer than
 *                         {@code maxQueueWait + deadline}, so a write that started is answered by the
 *                         service itself; zero or negative: no deadline (the gateway, whose routes
 *                         carry their own time limits)
 * @param retryAfter       the {@code Retry-After} a shed request is given
 * @param jsonMaxDepth     deepest nesting of JSON objects and arrays read from a request
 * @param jsonMaxString    longest JSON string read from a request (characters)
 * @param jsonMaxNumber    longest JSON number read from a request (characters): {@code 1E10000000} passes
 *                         this bound; the fields' own range checks refuse it
 * @param jsonMaxName      longest JSON property name
 * @param streamPaths      paths of event streams (path patterns), which stay open by design: neither
 *                         counted nor cut at the deadline (the gateway caps them per user)
 */
@ConfigurationProperties("anchang.web")
public record WebLimits(Integer maxInFlight, Integer maxQueued, Duration maxQueueWait, Duration deadline,
                        Duration retryAfter, Integer jsonMaxDepth, Integer jsonMaxString, Integer jsonMaxNumber,
                        Integer jsonMaxName, List<String> streamPaths) {

    public WebLimits {
        maxInFlight = maxInFlight == null ? 256 : maxInFlight;
        maxQueued = maxQueued == null ? 64 : maxQueued;
        maxQueueWait = maxQueueWait == null ? Duration.ofSeconds(1) : maxQueueWait;
        deadline = deadline == null ? Duration.ofSeconds(10) : deadline;
        retryAfter = retryAfter == null ? Duration.ofSeconds(2) : retryAfter;
        jsonMaxDepth = jsonMaxDepth == null ? 32 : jsonMaxDepth;
        jsonMaxString = jsonMaxString == null ? 64 * 1024 : jsonMaxString;
        jsonMaxNumber = jsonMaxNumber == null ? 40 : jsonMaxNumber;
        jsonMaxName = jsonMaxName == null ? 128 : jsonMaxName;
        streamPaths = streamPaths == null ? List.of() : List.copyOf(streamPaths);
        if (maxInFlight < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("anchang.web.max-in-flight must be at least 1 and max-queued at least 0");
        }
    }

    public boolean hasDeadline() {
        return !deadline.isZero() && !deadline.isNegative();
    }

    /** The longest a request can take in this service before it is answered: the wait for a place plus the deadline. */
    public Duration longestAnswer() {
        return maxQueueWait.plus(hasDeadline() ? deadline : Duration.ZERO);
    }
}
