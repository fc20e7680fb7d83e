package io.anchang.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The last step of {@code ./anchang up}: the office's first rush is served by code the JVMs have compiled, not
 * by the interpreter. Every part starts cold; on two cores a dozen JVMs compiling their request paths while
 * the first customers come in made the first minute several times slower than the rest of the day (issue 17:
 * the first opening-day race after the start ran at a third of the rate of the third). So before the office
 * is announced, the demo staff's everyday reads go through the gateway for a while — the unit board, the desk's
 * rotation and register, the archive, the day's follow-ups, the finance desk's queues — a rep tries a unit that
 * is held already (answered 409, nothing written) and registers a walk-in whose phone is no phone (400, nothing
 * written). Nothing here changes any data, and no user sends more than half of what the gateway allows them. The system tests' offices
 * skip it; {@code ANCHANG_WARM_UP=0} skips it too.
 */
final class WarmUp {

    /** A request of the warm-up: who sends it, how, where, and what body (null for none). */
    record Call(String user, String method, String path, String body) {
    }

    /** The walk-in's phone: no number of any country (reception answers 400 phone-invalid). */
    static final String NOT_A_PHONE = "warm-up";

    private final String gateway;
    private final Function<String, String> tokens;
    private final Progress progress;
    private final Duration perUserSpacing;
    private final Map<String, Long> nextSend = new java.util.HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param perUserSpacing the least time between two requests of one user: the gateway limits each user
     *                       ({@code anchang.gateway.limits}), and a demo user must not sign in to a 429
     *                       because the warm-up spent their allowance — {@link #spacingWithin(int, Duration)}
     */
    WarmUp(String gateway, Function<String, String> tokens, Progress progress, Duration perUserSpacing) {
        this.gateway = gateway;
        this.tokens = tokens;
        this.progress = progress;
        this.perUserSpacing = perUserSpacing;
    }

    /** The spacing that keeps each user within half of the gateway's limit of {@code requests} a {@code period}. */
    static Duration spacingWithin(int requests, Duration period) {
        return period.multipliedBy(2).dividedBy(Math.max(1, requests));
    }

    /** Each user of the calls signed in once: user → token. */
    private Map<String, String> signIn(List<Call> calls) {
        Map<String, String> token = new java.util.HashMap<>();
        for (Call call : calls) {
            token.computeIfAbsent(call.user(), tokens);
        }
        return token;
    }

    /** Waits for the user's next turn: at most one request of a user every {@code perUserSpacing}. */
    private void pace(String user) throws InterruptedException {
        long wait = turn(user, System.nanoTime()) - System.nanoTime();
        if (wait > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /**
     * When the user's next request may go, asked at {@code now} (nanoTime): at once if their last one went a spacing
     * ago or more, else a spacing after their last turn — so however many senders ask at once, a user's turns are a
     * spacing apart.
     */
    long turn(String user, long now) {
        synchronized (nextSend) {
            long at = Math.max(now, nextSend.getOrDefault(user, now));
            nextSend.put(user, at + perUserSpacing.toNanos());
            return at;
        }
    }

    /** The demo staff's everyday reads on each demo site, and a hold on a held unit (409, nothing written). */
    static List<Call> everyday(Iterable<String> sites) {
        List<Call> calls = new ArrayList<>();
        for (String site : sites) {
            String user = site.toLowerCase();
            // spread over four of each site's demo staff, so that none comes near the gateway's per-user limit
            calls.add(new Call(user + "-sales1", "GET", "/api/deals/sites/" + site + "/buildings/" + DemoBuilding.BUILDING + "/board", null));
            calls.add(new Call(user + "-sales1", "GET", "/api/reception/sites/" + site + "/rotation", null));
            calls.add(new Call(user + "-manager", "GET", "/api/reception/sites/" + site + "/visits", null));
            calls.add(new Call(user + "-manager", "GET", "/api/customers/sites/" + site + "/archive", null));
            calls.add(new Call(user + "-sales1", "GET", "/api/customers/sites/" + site + "/follow-ups/today", null));
            calls.add(new Call(user + "-finance", "GET", "/api/finance/sites/" + site + "/deposit-requests", null));
            calls.add(new Call(user + "-finance", "GET", "/api/finance/sites/" + site + "/dues", null));
            // a rep trying the unit the demo holds (SH01's 1-204; HZ01's is still to be had, and the customer is
            // unknown there: 404): answered at the first reads, nothing written
            calls.add(new Call(user + "-sales2", "POST", "/api/deals/sites/" + site + "/units/" + site + "-" + DemoBuilding.BUILDING
                    + "-204/hold", "{\"customerId\":\"warm-up\"}"));
            // a walk-in whose phone is not a phone: the gateway's and the desk's way for a walk-in up to the number's
            // check, answered 400 phone-invalid before anything is written
            calls.add(new Call(user + "-sales2", "POST", "/api/reception/sites/" + site + "/visits",
                    "{\"requestId\":\"warm-up\",\"phone\":\"" + NOT_A_PHONE + "\"}"));
        }
        return calls;
    }

    /**
     * Sends {@code calls} round after round, {@code inFlight} at a time, until {@code requests} were answered or
     * {@code limit} passed; any answer counts (a 404 or 409 exercises the same path as a 200).
     *
     * @return how many were answered
     */
    int run(List<Call> calls, int requests, int inFlight, Duration limit) throws InterruptedException {
        Map<String, String> token = signIn(calls);
        long deadline = System.nanoTime() + limit.toNanos();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(inFlight, work -> {
            Thread thread = new Thread(work, "warm-up");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < inFlight; i++) {
                all.add(senders.submit(() -> {
                    int n;
                    while ((n = sent.getAndIncrement()) < requests && System.nanoTime() < deadline) {
                        Call call = calls.get(n % calls.size());
                        pace(call.user());
                        if (System.nanoTime() >= deadline) {
                            break;
                        }
                        if (send(call, token.get(call.user())) && answered.incrementAndGet() % 1000 == 0) {
                            progress.say("warming up the office: " + answered.get() + " of " + requests + " requests");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : all) {
                try {
                    sender.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("the warm-up failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            senders.shutdownNow();
        }
        return answered.get();
    }

    /**
     * One burst per service, {@code width} of its calls at once (its users taking turns), so that the gateway's
     * connections to each service are open, and their opening compiled, before the first rush: a first burst of
     * 200 walk-ins spent about half a second more per walk-in in the gateway than the second, opening 200
     * connections to reception (issue 17). Each user sends a few dozen, well within the gateway's limit.
     *
     * @return how many were answered
     */
    int wide(List<Call> calls, int width, Duration limit) {
        Map<String, String> token = signIn(calls);
        Map<String, List<Call>> byService = new java.util.TreeMap<>();
        for (Call call : calls) {
            byService.computeIfAbsent(call.path().split("/")[2], service -> new ArrayList<>()).add(call);
        }
        int answered = 0;
        for (List<Call> ofService : byService.values()) {
            List<java.util.concurrent.CompletableFuture<Boolean>> burst = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                Call call = ofService.get(i % ofService.size());
                burst.add(http.sendAsync(request(call, token.get(call.user())), HttpResponse.BodyHandlers.discarding())
                        .thenApply(response -> response.statusCode() > 0).exceptionally(error -> false));
            }
            try {
                java.util.concurrent.CompletableFuture.allOf(burst.toArray(new java.util.concurrent.CompletableFuture[0]))
                        .get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // a slow answer on a loaded machine: counted as unanswered, the office is up either way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answered;
            }
            answered += (int) burst.stream().filter(done -> done.getNow(false)).count();
        }
        return answered;
    }

    private HttpRequest request(Call call, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + call.path())).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (call.body() == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        }
        return request.build();
    }

    private boolean send(Call call, String token) {
        try {
            return http.send(request(call, token), HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
        } catch (java.io.IOException e) {
            return false; // a slow answer on a loaded machine: the warm-up goes on, the office is up either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
