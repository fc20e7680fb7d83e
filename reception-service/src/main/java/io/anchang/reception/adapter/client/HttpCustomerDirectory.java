package io.anchang.reception.adapter.client;

import io.anchang.platform.api.attribution.AttributionAnswer;
import io.anchang.platform.api.attribution.AttributionBatch;
import io.anchang.platform.api.attribution.AttributionRequest;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.web.CorrelationId;
import io.anchang.reception.application.CustomerDirectory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.context.ContextView;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * customer-service's flow 1 question, asked with reception-service's own token — never a user's (R-SEC-1) — and the
 * correlation id, within {@code timeout}, behind a circuit breaker. Its refusals of a question (4xx problem details) come
 * back as the same problem; silence, errors, an open breaker, and a refusal of reception's own identity (a client or
 * role misconfigured: not the desk user's doing) as {@link CustomerDirectory.Unavailable}, so that the desk goes on in
 * degraded mode.
 * <p>
 * A burst is absorbed, not answered with degraded mode (issue 17). The questions wait in a queue, first come first served
 * (per site, the oldest site first); at most {@code maxCalls} calls are with customer-service at once, and each carries
 * every question waiting for its site then, up to {@link AttributionBatch#MOST} and {@code maxBatchBytes}
 * ({@link AttributionBatch#PATH}): one walk-in alone is asked at once, a burst of 200 costs customer-service a handful of
 * requests and token checks instead of 200. Each question still gets its own answer or its own refusal.
 * <p>
 * Degraded mode starts on failure only: the time limit and the breaker apply to a call once it is made — its failures
 * and silence count once per question it carried, so a failing customer-service opens the breaker within one call and
 * the queue behind it goes to degraded mode at once — and never to the wait in the queue. The queue is bounded instead:
 * the desk {@link #reserve() reserves} a place before it writes anything, and when {@code maxWaiting} questions are
 * already reserved the walk-in is refused with 503 — nothing was done, the desk sends it again.
 */
public class HttpCustomerDirectory implements CustomerDirectory {

    /** Bounds of the queue and of each call. */
    public record Limits(Duration timeout, int maxCalls, int maxBatch, int maxBatchBytes, int maxWaiting) {

        public Limits {
            maxBatch = Math.max(1, Math.min(maxBatch, AttributionBatch.MOST));
            maxCalls = Math.max(1, maxCalls);
            maxBatchBytes = Math.max(1_024, maxBatchBytes);
            maxWaiting = Math.max(1, maxWaiting);
        }
    }

    private final WebClient web;
    private final ServiceTokens tokens;
    private final CircuitBreaker breaker;
    private final JsonMapper mapper;
    private final Limits limits;

    private final Object lock = new Object();
    /** The questions waiting, by site, each site's in arrival order. */
    private final Map<String, ArrayDeque<Question>> waiting = new LinkedHashMap<>();
    private int queued;
    private int unreserved;
    private int calls;
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicInteger reserved = new AtomicInteger();

    private final AtomicLong callsMade = new AtomicLong();
    private final AtomicLong questionsAsked = new AtomicLong();

    public HttpCustomerDirectory(WebClient web, ServiceTokens tokens, CircuitBreaker breaker, JsonMapper mapper, Limits limits) {
        this.web = web;
        this.tokens = tokens;
        this.breaker = breaker;
        this.mapper = mapper;
        this.limits = limits;
    }

    /** customer-service did not accept reception's own token: the token is fetched anew once, then it is a fault. */
    static final class IdentityRefused extends RuntimeException {
        final int status;

        IdentityRefused(int status) {
            super("customer-service refused reception-service's identity (HTTP " + status + ")", null, false, false);
            this.status = status;
        }
    }

    /** One question waiting for its answer. */
    private static final class Question {
        final String site;
        final AttributionRequest request;
        final byte[] json;
        final MonoSink<AttributionAnswer> sink;
        final ContextView context;
        final AtomicBoolean done = new AtomicBoolean();
        final long arrival;
        final boolean placeReserved;

        Question(String site, AttributionRequest request, byte[] json, MonoSink<AttributionAnswer> sink, long arrival,
                 boolean placeReserved) {
            this.placeReserved = placeReserved;
            this.site = site;
            this.request = request;
            this.json = json;
            this.sink = sink;
            this.context = sink.contextView();
            this.arrival = arrival;
        }

        void answer(AttributionAnswer answer) {
            if (done.compareAndSet(false, true)) {
                sink.success(answer);
            }
        }

        void fail(Throwable error) {
            if (done.compareAndSet(false, true)) {
                sink.error(error);
            }
        }
    }

    private record Batch(String site, List<Question> questions) {
    }

    @Override
    public Place reserve() {
        if (reserved.incrementAndGet() > limits.maxWaiting()) {
            reserved.decrementAndGet();
            throw new ProblemException(503, "desk-busy", "Service Unavailable", "前台同时登记的来访过多，本次未登记任何内容，请稍后重试 "
                    + "(" + limits.maxWaiting() + " walk-ins are already waiting for customer-service; nothing was registered — "
                    + "send it again shortly)");
        }
        AtomicBoolean released = new AtomicBoolean();
        return new Place() {
            @Override
            public Mono<AttributionAnswer> attribute(String site, AttributionRequest request) {
                return enqueued(site, request, true);
            }

            @Override
            public void release() {
                if (released.compareAndSet(false, true)) {
                    reserved.decrementAndGet();
                }
            }
        };
    }

    /** A question without a place reserved (reception's own background work): asked when the queue has room, else unavailable. */
    @Override
    public Mono<AttributionAnswer> attribute(String site, AttributionRequest request) {
        return enqueued(site, request, false);
    }

    private Mono<AttributionAnswer> enqueued(String site, AttributionRequest request, boolean placeReserved) {
        return Mono.<AttributionAnswer>create(sink -> {
            Question question = new Question(site, request, mapper.writeValueAsBytes(request), sink, arrivals.incrementAndGet(),
                    placeReserved);
            // a question given up by its asker (the desk's flow is detached, so only background work) is not asked
            sink.onCancel(() -> question.done.set(true));
            synchronized (lock) {
                // the desk's questions have their place; the others wait only within the bound
                if (!placeReserved && unreserved >= limits.maxWaiting()) {
                    question.fail(new Unavailable("the queue of questions is full (" + queued + " waiting)", null));
                    return;
                }
                waiting.computeIfAbsent(site, s -> new ArrayDeque<>()).add(question);
                queued++;
                unreserved += placeReserved ? 0 : 1;
            }
            drain();
        });
    }

    /** Calls with customer-service now (for tests and metrics). */
    public int inFlight() {
        synchronized (lock) {
            return calls;
        }
    }

    /** Questions waiting for a call (for tests and metrics). */
    public int queued() {
        synchronized (lock) {
            return queued;
        }
    }

    /** Places the desk holds now: walk-ins and calls between their reservation and their end (for tests and metrics). */
    public int reservedPlaces() {
        return reserved.get();
    }

    /** Calls made to customer-service so far, and the questions they carried (for tests and metrics). */
    public long callsMade() {
        return callsMade.get();
    }

    public long questionsAsked() {
        return questionsAsked.get();
    }

    /** Makes calls while there is room for one and a question waiting: each takes what waits for the oldest site, bounded. */
    private void drain() {
        List<Batch> ready = new ArrayList<>();
        synchronized (lock) {
            while (calls < limits.maxCalls() && queued > 0) {
                String site = oldestSite();
                ArrayDeque<Question> line = waiting.get(site);
                List<Question> batch = new ArrayList<>();
                int bytes = 0;
                int most = limits.maxBatch();
                while (!line.isEmpty() && batch.size() < most
                        && (batch.isEmpty() || bytes + line.peekFirst().json.length + 1 <= limits.maxBatchBytes())) {
                    Question next = line.pollFirst();
                    queued--;
                    unreserved -= next.placeReserved ? 0 : 1;
                    if (!next.done.get()) {
                        batch.add(next);
                        bytes += next.json.length + 1;
                    }
                }
                if (line.isEmpty()) {
                    waiting.remove(site);
                }
                if (!batch.isEmpty()) {
                    calls++;
                    ready.add(new Batch(site, batch));
                }
            }
        }
        ready.forEach(this::call);
    }

    private String oldestSite() {
        String oldest = null;
        long first = Long.MAX_VALUE;
        for (Iterator<Map.Entry<String, ArrayDeque<Question>>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ArrayDeque<Question>> entry = it.next();
            if (entry.getValue().isEmpty()) {
                it.remove();
            } else if (entry.getValue().peekFirst().arrival < first) {
                first = entry.getValue().peekFirst().arrival;
                oldest = entry.getKey();
            }
        }
        return oldest;
    }

    private void call(Batch batch) {
        if (!breaker.tryAcquirePermission()) {
            finished(batch, null, new Unavailable("circuit breaker open", null), 0);
            return;
        }
        callsMade.incrementAndGet();
        questionsAsked.addAndGet(batch.questions().size());
        long start = System.nanoTime();
        asked(batch)
                .timeout(limits.timeout())
                .contextWrite(batch.questions().get(0).context)
                .subscribe(outcomes -> finished(batch, outcomes, null, System.nanoTime() - start),
                        error -> finished(batch, null, error, System.nanoTime() - start));
    }

    /**
     * The call is over: the breaker counts what customer-service did — once per question — the next call may go, and each
     * question gets its outcome.
     */
    private void finished(Batch batch, List<Object> outcomes, Throwable error, long nanos) {
        boolean counted = !(error instanceof Unavailable) || error.getCause() != null;
        List<Question> questions = batch.questions();
        List<Object> results = new ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            if (error != null) {
                Throwable failure = error instanceof Unavailable ? error : new Unavailable(error instanceof TimeoutException
                        ? "no answer within " + limits.timeout().toMillis() + " ms" : error.toString(), error);
                if (counted) {
                    breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
                }
                results.add(failure);
                continue;
            }
            Object outcome = outcomes.get(i);
            if (outcome instanceof Unavailable failed) {
                breaker.onError(nanos, TimeUnit.NANOSECONDS, failed);
            } else {
                // an answer, or a refusal of the question (the question was wrong, not the service): customer-service answered
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            }
            results.add(outcome);
        }
        synchronized (lock) {
            calls--;
        }
        // the next call goes before this one's walk-ins are placed: the breaker has counted this one already
        drain();
        for (int i = 0; i < questions.size(); i++) {
            if (results.get(i) instanceof AttributionAnswer answer) {
                questions.get(i).answer(answer);
            } else {
                questions.get(i).fail((Throwable) results.get(i));
            }
        }
    }

    /** The batch's outcomes in its order: an answer, a refusal ({@link ProblemException}) or a failure ({@link Unavailable}). */
    private Mono<List<Object>> asked(Batch batch) {
        return ask(batch)
                .onErrorResume(IdentityRefused.class, refused -> {
                    tokens.forget();
                    return ask(batch);
                })
                .onErrorMap(IdentityRefused.class, refused -> new Unavailable(refused.getMessage(), refused));
    }

    private Mono<List<Object>> ask(Batch batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"questions\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int i = 0; i < batch.questions().size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(batch.questions().get(i).json);
        }
        body.writeBytes("]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        return tokens.token().flatMap(token -> Mono.deferContextual(context -> web.post()
                .uri(AttributionBatch.PATH, batch.site())
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    CorrelationId.from(context).ifPresent(id -> headers.set(CorrelationId.HEADER, id));
                })
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(bytes)
                .exchangeToMono(response -> {
                    int status = response.statusCode().value();
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(AttributionBatch.Outcomes.class).map(outcomes -> outcomes(batch, outcomes));
                    }
                    if (status == 401 || status == 403) {
                        return response.releaseBody().then(Mono.error(new IdentityRefused(status)));
                    }
                    // the batch as a whole refused: reception's mistake, not the desk user's — a failure of the flow
                    return response.createError();
                })));
    }

    private List<Object> outcomes(Batch batch, AttributionBatch.Outcomes answered) {
        List<AttributionBatch.Outcome> outcomes = answered.outcomes();
        if (outcomes.size() != batch.questions().size()) {
            throw new IllegalStateException("customer-service answered " + outcomes.size() + " outcomes to "
                    + batch.questions().size() + " questions");
        }
        List<Object> mapped = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            AttributionBatch.Outcome outcome = outcomes.get(i);
            String visitId = batch.questions().get(i).request.visitId();
            if (outcome.visitId() != null && !outcome.visitId().equals(visitId)) {
                throw new IllegalStateException("customer-service answered visit " + outcome.visitId() + " in the place of " + visitId);
            }
            if (outcome.answer() != null) {
                mapped.add(outcome.answer());
            } else if (outcome.problem() != null && outcome.problem().status() >= 400 && outcome.problem().status() < 500) {
                AttributionBatch.Problem problem = outcome.problem();
                mapped.add(new ProblemException(problem.status(), slug(problem.type()), problem.title() == null ? "Refused" : problem.title(),
                        problem.detail() == null ? "客户服务拒绝了请求 (customer-service refused the request)" : problem.detail()));
            } else {
                mapped.add(new Unavailable("customer-service failed on the question: " + (outcome.problem() == null ? "no outcome"
                        : outcome.problem().status() + " " + outcome.problem().detail()), null));
            }
        }
        return mapped;
    }

    /**
     * The breaker: opens when half of the last questions (at least {@code minimumCalls}) failed or went unanswered, lets a
     * call try again after {@code openFor}; refusals of a question count as answers.
     */
    public static CircuitBreaker breaker(String name, int minimumCalls, Duration openFor) {
        return CircuitBreaker.of(name, io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .slidingWindowSize(Math.max(minimumCalls, 10))
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
    }

    private static String slug(String type) {
        String given = type == null ? "urn:anchang:problem:customer-service-refused" : type;
        return given.substring(given.lastIndexOf(':') + 1);
    }

}
