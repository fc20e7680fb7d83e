package io.anchang.customer.adapter.web;

import io.anchang.platform.problem.ProblemException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads customer lists off the event loop, on a few threads of their own with a short queue: parsing never holds up other
 * users' requests, and more uploads at once than the queue holds are answered 503 with {@code Retry-After} before any of
 * their bytes is parsed.
 */
public final class SheetReader implements AutoCloseable {

    private final Scheduler parsing;

    public SheetReader(int threads, int queued) {
        this.parsing = Schedulers.newBoundedElastic(threads, queued, "customer-list");
    }

    Mono<List<List<String>>> read(byte[] content, String contentType) {
        return Mono.fromCallable(() -> SheetFile.read(content, contentType, SheetFile.Limits.DEFAULT))
                .subscribeOn(parsing)
                .onErrorMap(RejectedExecutionException.class, busy -> new ProblemException(503, "import-busy", "Service Unavailable",
                        "正在读取其他客户档案文件，请稍后再试 (Other customer lists are being read; try again in a few seconds)",
                        Map.of("retryAfterSeconds", 5)));
    }

    @Override
    public void close() {
        parsing.dispose();
    }
}
