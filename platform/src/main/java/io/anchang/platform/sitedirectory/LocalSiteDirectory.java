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
 * copy's own delay (it arrives as an event), nothing a user can tell.
 */
public final class LocalSiteDirectory {

    public static final String COLLECTION = "site_profiles";

    /** How long a profile read is used before it is read again. */
    static final long FRESH = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private final ScopedMongo mongo;
    private final JsonMapper mapper;
    private final java.util.concurrent.ConcurrentHashMap<String, Remembered> remembered = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicLong kept = new java.util.concurrent.atomic.AtomicLong();

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
        long readAt = System.nanoTime();
        long generation = kept.get();
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(site)), Document.class, COLLECTION)
                .map(document -> mapper.readValue(document.getString("profile"), SiteProfile.class))
                .doOnNext(profile -> {
                    // a read that overlapped a keep may have seen the old profile: not remembered
                    if (kept.get() == generation) {
                        remembered.compute(site, (code, before) ->
                                before != null && before.readAt() > readAt ? before : new Remembered(profile, readAt));
                    }
                });
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
                });
    }
}
