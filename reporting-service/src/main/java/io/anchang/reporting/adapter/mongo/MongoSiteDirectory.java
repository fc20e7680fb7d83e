package io.anchang.reporting.adapter.mongo;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import io.anchang.reporting.application.SiteDirectory;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.Comparator;

/** The sites from the service's copy of reception's site directory (the platform keeps it from the site events). */
public class MongoSiteDirectory implements SiteDirectory {

    private final LocalSiteDirectory directory;
    private final ScopedMongo mongo;
    private final JsonMapper mapper;

    public MongoSiteDirectory(LocalSiteDirectory directory, ScopedMongo mongo, JsonMapper mapper) {
        this.directory = directory;
        this.mongo = mongo;
        this.mapper = mapper;
    }

    @Override
    public Mono<SiteProfile> require(SiteScope scope, String site) {
        return directory.require(scope, site);
    }

    @Override
    public Flux<SiteProfile> readable(SiteScope scope) {
        return mongo.find(scope, new Query(), Document.class, LocalSiteDirectory.COLLECTION)
                .map(doc -> mapper.readValue(doc.getString("profile"), SiteProfile.class))
                .filter(profile -> scope.canRead(profile.code()))
                .sort(Comparator.comparing(SiteProfile::code));
    }
}
