package io.anchang.reception.application;

import io.anchang.platform.store.Stored;
import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.reception.domain.Rotation;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Changes a site's desk of a day. Every change is a conditional write on the desk's version:
 * of concurrent writers exactly one wins, the others read again and redo their change. Within
 * this instance the changes of one desk queue up in a lane and are applied one after the other
 * to the desk in memory; changes that queued meanwhile are written together in one conditional
 * write (group commit), so that a crowd of walk-ins costs one write per batch, not per visitor.
 * A change that causes events is written on its own, with its caller and correlation id. The
 * desk this instance wrote last is kept, so a batch starts without reading the store. A day
 * with no rotation set is an empty desk.
 */
public class DeskChanges {

    private static final int MAX_BATCH = 200;
    private static final int ATTEMPTS = 50;

    private final Rotations rotations;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Stored<Rotation>> written = new ConcurrentHashMap<>();

    public DeskChanges(Rotations rotations) {
        this.rotations = rotations;
    }

    /** A change: the desk after it, what it produced, and the events it causes. */
    public record Change<T>(Rotation rotation, T result, List<PendingEvent> events) {

        public static <T> Change<T> of(Rotation.Outcome<T> outcome) {
            return new Change<>(outcome.rotation(), outcome.result(), List.of());
        }
    }

    public <T> Mono<Change<T>> change(Caller caller, String site, LocalDate day, Function<Rotation, Change<T>> change) {
        return Mono.deferContextual(context -> {
            Sinks.One<Change<T>> done = Sinks.one();
            String key = site + ":" + day;
            Lane lane = lanes.computeIfAbsent(key, k -> new Lane(site, day, k));
            lane.pending.offerLast(new Pending<>(caller, context, change, done));
            lane.kick();
            return done.asMono();
        });
    }

    public Mono<Rotation> read(Caller caller, String site, LocalDate day) {
        return rotations.find(caller.scope(), site, day).map(Stored::value)
                .defaultIfEmpty(new Rotation(site, day, List.of(), null, 0));
    }

    private record Pending<T>(Caller caller, ContextView context, Function<Rotation, Change<T>> change, Sinks.One<Change<T>> done) {

        @SuppressWarnings("unchecked")
        void complete(Change<?> result) {
            done.tryEmitValue((Change<T>) result);
        }

        void fail(Throwable error) {
            done.tryEmitError(error);
        }
    }

    /** The changes of one desk, applied in order by one runner at a time. */
    private final class Lane {
        private final String site;
        private final LocalDate day;
        private final String key;
        private final ConcurrentLinkedDeque<Pending<?>> pending = new ConcurrentLinkedDeque<>();
        private final AtomicBoolean running = new AtomicBoolean();

        Lane(String site, LocalDate day, String key) {
            this.site = site;
            this.day = day;
            this.key = key;
        }

        void kick() {
            if (running.compareAndSet(false, true)) {
                Schedulers.parallel().schedule(this::runBatch);
            }
        }

        private void runBatch() {
            List<Pending<?>> batch = new ArrayList<>();
            Pending<?> next;
            while (batch.size() < MAX_BATCH && (next = pending.pollFirst()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                running.set(false);
                if (!pending.isEmpty()) {
                    kick();
                }
                return;
            }
            attempt(batch, 0);
        }

        private void attempt(List<Pending<?>> batch, int tries) {
            Pending<?> first = batch.get(0);
            current(first.caller(), key, site, day).contextWrite(first.context())
                    .subscribe(stored -> apply(batch, stored, tries), error -> {
                        batch.forEach(p -> p.fail(error));
                        done();
                    });
        }

        private void apply(List<Pending<?>> batch, Stored<Rotation> stored, int tries) {
            Rotation desk = stored.value();
            List<Pending<?>> applied = new ArrayList<>();
            List<Change<?>> results = new ArrayList<>();
            List<Throwable> refusals = new ArrayList<>();
            List<PendingEvent> events = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Pending<?> p = batch.get(i);
                try {
                    Change<?> change = p.change().apply(desk);
                    if (!change.events().isEmpty() && !applied.isEmpty()) {
                        // its events carry its own caller and correlation id: it goes in a write of its own, next
                        for (int j = batch.size() - 1; j >= i; j--) {
                            pending.offerFirst(batch.get(j));
                        }
                        break;
                    }
                    desk = change.rotation();
                    events.addAll(change.events());
                    applied.add(p);
                    results.add(change);
                    refusals.add(null);
                    if (!change.events().isEmpty()) {
                        for (int j = batch.size() - 1; j > i; j--) {
                            pending.offerFirst(batch.get(j));
                        }
                        break;
                    }
                } catch (RuntimeException refused) {
                    applied.add(p);
                    results.add(null);
                    refusals.add(refused);
                }
            }
            Runnable settle = () -> {
                for (int i = 0; i < applied.size(); i++) {
                    if (refusals.get(i) != null) {
                        applied.get(i).fail(refusals.get(i));
                    } else {
                        applied.get(i).complete(results.get(i));
                    }
                }
                done();
            };
            if (desk.equals(stored.value()) && events.isEmpty()) {
                settle.run();
                return;
            }
            Rotation after = desk;
            Pending<?> first = applied.get(0);
            rotations.save(first.caller(), after, stored.version(), events).contextWrite(first.context()).subscribe(ok -> {
                if (ok) {
                    written.keySet().removeIf(k -> k.startsWith(site + ":") && !k.equals(key));
                    written.put(key, new Stored<>(after, stored.version() + 1));
                    settle.run();
                } else {
                    // another instance wrote first: read again and redo the whole batch
                    written.remove(key);
                    List<Pending<?>> again = new ArrayList<>(applied);
                    if (tries + 1 >= ATTEMPTS) {
                        again.forEach(p -> p.fail(new IllegalStateException("the desk of " + key + " kept changing; try again")));
                        done();
                    } else {
                        Schedulers.parallel().schedule(() -> attempt(again, tries + 1));
                    }
                }
            }, error -> {
                written.remove(key);
                applied.forEach(p -> p.fail(error));
                done();
            });
        }


        private void done() {
            running.set(false);
            if (!pending.isEmpty()) {
                kick();
            }
        }
    }

    private Mono<Stored<Rotation>> current(Caller caller, String key, String site, LocalDate day) {
        Stored<Rotation> last = written.get(key);
        if (last != null) {
            return Mono.just(last);
        }
        return rotations.find(caller.scope(), site, day)
                .defaultIfEmpty(new Stored<>(new Rotation(site, day, List.of(), null, 0), 0));
    }
}
