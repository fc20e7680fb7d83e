package io.anchang.platform.sitedirectory;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.SiteProfile;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * This service's copy of the sites it serves: time zone, staff and policy settings, at
 * the newest revision it has seen. Old news never overwrites new (conditional upsert on
 * the revision), so replays and duplicates are harmless.
 * <p>
 * A profile read is remembered for a second ({@link #FRESH}): every request of a service reads
 * its site's profile, and reading and parsing it was a store operation and a JSON document per
 * request (issue 17). What this instance keeps replaces what it remembered at once; a change
 * kept by another instance of the service is seen here at most a second later — beside the
 * copy's own delay (it arrives as an event), nothing a user can tell. The requests that find the
 * remembered profile a second old together share one read of it, not one read each.
 */
public final class LocalSiteDirectory {

    public static final String COLLECTION = "site_profiles";

    /** How long a profile read is used before it is read again. */
    static final long FRESH = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private final ScopedMongo mongo;
    private final JsonMapper mapper;
    private final java.util.concurrent.ConcurrentHashMap<String, Remembered> remembered = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicLong kept = new java.util.concurrent.atomic.AtomicLong();
    /** The read of a site's profile under way, shared by the requests that need it meanwhile. */
    private final java.util.concurrent.ConcurrentHashMap<String, Mono<SiteProfile>> reading = new java.util.concurrent.ConcurrentHashMap<>();

    private record Remembered(SiteProfile profile, long readAt) {
    }

    public LocalSiteDirectory(ScopedMongo mongo, JsonMapper mapper) {
        this.mongo = mongo;
        this.mapper = mapper;
    }

    /** The site's profile, if the caller may read that site and this service knows it. */
    public Mono<SiteProfile> find(SiteScope scope, String site) {
        scope.requireRead(site);
        Remembered known = remembered.get(site);
        if (known != null && System.nanoTime() - known.readAt() < FRESH) {
            return Mono.just(known.profile());
        }
        // one read per site at a time: the requests that find the remembered profile stale together share it (issue 17)
        return reading.computeIfAbsent(site, this::read);
    }

    /** Reads the profile of {@code site} once for everyone asking meanwhile; remembered unless a keep overlapped it. */
    private Mono<SiteProfile> read(String site) {
        long readAt = System.nanoTime();
        long generation = kept.get();
        java.util.concurrent.atomic.AtomicReference<Mono<SiteProfile>> self = new java.util.concurrent.atomic.AtomicReference<>();
        // the caller's right to read the site was checked; the shared read is not narrowed to one caller's sites
        Mono<SiteProfile> shared = mongo.findOne(SiteScope.system(), Query.query(Criteria.where("_id").is(site)), Document.class, COLLECTION)
                .map(document -> mapper.readValue(document.getString("profile"), SiteProfile.class))
                .doOnNext(profile -> {
                    // a read that overlapped a keep may have seen the old profile: not remembered
                    if (kept.get() == generation) {
                        remembered.compute(site, (code, before) ->
                                before != null && before.readAt() > readAt ? before : new Remembered(profile, readAt));
                    }
                })
                .doFinally(signal -> reading.remove(site, self.get()))
                .cache(profile -> java.time.Duration.ZERO, error -> java.time.Duration.ZERO, () -> java.time.Duration.ZERO);
        self.set(shared);
        return shared;
    }

    /** As {@link #find}, or 404 with a sentence the desk understands. */
    public Mono<SiteProfile> require(SiteScope scope, String site) {
        return find(scope, site).switchIfEmpty(Mono.error(() -> ProblemException.notFound("site-unknown",
                "案场 " + site + " 不存在或尚未同步 (This service does not know site " + site + " yet)")));
    }

    /** Keeps {@code profile} unless a newer revision is already here. */
    public Mono<Void> keep(SiteProfile profile) {
        SiteScope system = SiteScope.system();
        String json = mapper.writeValueAsString(profile);
        Query newer = Query.query(Criteria.where("_id").is(profile.code()).and("revision").lt(profile.revision()));
        Update update = Update.update("profile", json).set("revision", profile.revision()).set(ScopedMongo.SITE, profile.code());
        kept.incrementAndGet();
        remembered.remove(profile.code());
        // a read under way may see the profile before this one: the requests from now on read again
        reading.remove(profile.code());
        return mongo.update(system, newer, update, COLLECTION, false)
                .flatMap(matched -> matched > 0 ? Mono.<Void>empty()
                        : mongo.update(system, Query.query(Criteria.where("_id").is(profile.code())),
                                new Update().setOnInsert("profile", json).setOnInsert("revision", profile.revision())
                                        .setOnInsert(ScopedMongo.SITE, profile.code()), COLLECTION, true)
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.just(0L))
                        .then())
                .doFinally(signal -> {
                    kept.incrementAndGet();
                    remembered.remove(profile.code());
                    reading.remove(profile.code());
                });
    }
}
