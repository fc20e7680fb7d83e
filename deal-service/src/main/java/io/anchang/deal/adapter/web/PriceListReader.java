package io.anchang.deal.adapter.web;

import io.anchang.platform.problem.ProblemException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads price list files off the event loop (issue 9), on a few threads of their own with a short
 * queue: parsing never holds up the requests of other users, and more uploads at once than the
 * queue holds are answered 503 with {@code Retry-After}, before any of their bytes is parsed.
 */
public final class PriceListReader implements AutoCloseable {

    private final Scheduler parsing;

    /**
     * @param threads how many files are parsed at once
     * @param queued  how many more may wait for a thread
     */
    public PriceListReader(int threads, int queued) {
        this(Schedulers.newBoundedElastic(threads, queued, "price-list"));
    }

    /** On a bounded scheduler of its own, which refuses work beyond its queue and is disposed with this reader. */
    public PriceListReader(Scheduler parsing) {
        this.parsing = parsing;
    }

    Mono<List<List<String>>> read(byte[] content, String contentType) {
        return Mono.fromCallable(() -> PriceListFile.read(content, contentType))
                .subscribeOn(parsing)
                .onErrorMap(RejectedExecutionException.class, busy -> new ProblemException(503, "price-list-busy", "Service Unavailable",
                        "正在导入其他价目表，请稍后再试 (Other price lists are being read; try again in a few seconds)",
                        Map.of(ProblemException.RETRY_AFTER_SECONDS, 5)));
    }

    @Override
    public void close() {
        parsing.dispose();
    }
}
