package io.anchang.platform.web;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded concurrency with a small, time-limited wait queue, without blocking a thread: at
 * most {@code maxInFlight} tickets are admitted at once, at most {@code maxQueued} wait for
 * a place (first come, first served), each at most {@code maxWait}. A ticket not admitted
 * was refused before anything was done for it.
 */
public final class Admission {

    private final int maxInFlight;
    private final int maxQueued;
    private final Duration maxWait;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final Queue<Ticket> waiting = new ConcurrentLinkedQueue<>();

    public Admission(int maxInFlight, int maxQueued, Duration maxWait) {
        this.maxInFlight = maxInFlight;
        this.maxQueued = maxQueued;
        this.maxWait = maxWait;
    }

    /** A new ticket; {@link Ticket#admitted()} tells whether it got a place. Release it when done, whatever happened. */
    public Ticket ticket() {
        return new Ticket();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int queued() {
        return queued.get();
    }

    private boolean tryTake() {
        while (true) {
            int now = inFlight.get();
            if (now >= maxInFlight) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    private void giveBack() {
        inFlight.decrementAndGet();
        handOn();
    }

    /** Gives free places to waiting tickets, oldest first. */
    private void handOn() {
        while (waiting.peek() != null && tryTake()) {
            Ticket next = waiting.poll();
            if (next == null) {
                inFlight.decrementAndGet();
                return;
            }
            if (!next.grant()) {
                inFlight.decrementAndGet(); // it gave up meanwhile
            }
        }
    }

    /** One request's claim on a place. */
    public final class Ticket {

        private static final int NEW = 0;
        private static final int WAITING = 1;
        private static final int HOLDING = 2;
        private static final int DONE = 3;

        private final AtomicInteger state = new AtomicInteger(NEW);
        private final AtomicBoolean released = new AtomicBoolean();
        private final Sinks.One<Boolean> granted = Sinks.one();

        /** True once a place is held; false when the queue is full or the wait ran out. */
        public Mono<Boolean> admitted() {
            return Mono.defer(() -> {
                if (tryTake()) {
                    state.set(HOLDING);
                    return Mono.just(true);
                }
                if (queued.incrementAndGet() > maxQueued) {
                    queued.decrementAndGet();
                    state.set(DONE);
                    return Mono.just(false);
                }
                state.set(WAITING);
                waiting.add(this);
                handOn(); // a place may have come free between the try and the queue
                return granted.asMono().timeout(maxWait, Mono.fromSupplier(() -> !giveUp()));
            });
        }

        /** Called by {@link #handOn()}: false if the ticket gave up first. */
        private boolean grant() {
            if (state.compareAndSet(WAITING, HOLDING)) {
                queued.decrementAndGet();
                granted.tryEmitValue(true);
                return true;
            }
            return false;
        }

        /** Stops waiting; false if a place was granted just before. */
        private boolean giveUp() {
            if (state.compareAndSet(WAITING, DONE)) {
                queued.decrementAndGet();
                waiting.remove(this);
                return true;
            }
            return false;
        }

        /** Frees the place if one is held, or leaves the queue; idempotent. */
        public void release() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            if (giveUp()) {
                return;
            }
            if (state.getAndSet(DONE) == HOLDING) {
                giveBack();
            }
        }
    }
}
