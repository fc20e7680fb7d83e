package io.anchang.reception.application;

import io.anchang.platform.outbox.PendingEvent;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.reception.domain.Site;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sites as flow 1 reads them: a site read is remembered for a second ({@link #FRESH}), as the other services remember
 * their copy of the profiles (LocalSiteDirectory): every walk-in and call read and mapped its site's document, one store
 * operation per registration (issue 17). Only reads by a caller who may read the site are answered from memory. A change
 * of a site (ManagingSites, which reads and writes the store itself, never this) is seen by flow 1 at most a second later —
 * as a change is seen by the other services, nothing the desk can tell; one written through this forgets the site at once.
 */
public final class RememberedSites implements Sites {

    /** How long a site read is used before it is read again. */
    static final long FRESH = TimeUnit.SECONDS.toNanos(1);

    private final Sites store;
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();
    /** Counts the changes written through this instance: a read that overlapped one is not remembered. */
    private final AtomicLong changes = new AtomicLong();

    private record Remembered(Site site, long readAt) {
    }

    public RememberedSites(Sites store) {
        this.store = store;
    }

    @Override
    public Mono<Site> find(SiteScope scope, String code) {
        Remembered known = remembered.get(code);
        if (known != null && scope.canRead(code) && System.nanoTime() - known.readAt() < FRESH) {
            return Mono.just(known.site());
        }
        long readAt = System.nanoTime();
        long generation = changes.get();
        return store.find(scope, code).doOnNext(site -> {
            if (changes.get() == generation) {
                remembered.compute(code, (key, before) -> before != null && before.readAt() > readAt ? before : new Remembered(site, readAt));
            }
        });
    }

    @Override
    public Flux<Site> all(SiteScope scope) {
        return store.all(scope);
    }

    @Override
    public Mono<Void> add(Caller caller, Site site, List<PendingEvent> events) {
        return forgetting(site.code(), store.add(caller, site, events));
    }

    @Override
    public Mono<Boolean> update(Caller caller, Site site, long expectedRevision, List<PendingEvent> events) {
        return forgetting(site.code(), store.update(caller, site, expectedRevision, events));
    }

    private <T> Mono<T> forgetting(String code, Mono<T> write) {
        return Mono.defer(() -> {
            changes.incrementAndGet();
            remembered.remove(code);
            return write;
        }).doFinally(signal -> {
            changes.incrementAndGet();
            remembered.remove(code);
        });
    }
}
