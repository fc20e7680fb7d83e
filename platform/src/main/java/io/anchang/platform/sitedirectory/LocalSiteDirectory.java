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
 */
public final class LocalSiteDirectory {

    public static final String COLLECTION = "site_profiles";

    private final ScopedMongo mongo;
    private final JsonMapper mapper;

    public LocalSiteDirectory(ScopedMongo mongo, JsonMapper mapper) {
        this.mongo = mongo;
        this.mapper = mapper;
    }

    /** The site's profile, if the caller may read that site and this service knows it. */
    public Mono<SiteProfile> find(SiteScope scope, String site) {
        scope.requireRead(site);
        return mongo.findOne(scope, Query.query(Criteria.where("_id").is(site)), Document.class, COLLECTION)
                .map(document -> mapper.readValue(document.getString("profile"), SiteProfile.class));
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
        return mongo.update(system, newer, update, COLLECTION, false)
                .flatMap(matched -> matched > 0 ? Mono.<Void>empty()
                        : mongo.update(system, Query.query(Criteria.where("_id").is(profile.code())),
                                new Update().setOnInsert("profile", json).setOnInsert("revision", profile.revision())
                                        .setOnInsert(ScopedMongo.SITE, profile.code()), COLLECTION, true)
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.just(0L))
                        .then());
    }
}
