package io.anchang.platform.sitedirectory;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.outbox.OutboxEntries;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.SiteProfile;
import io.anchang.testing.SharedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The local copy of the site directory over the wire to the MongoDB stand-in, which counts the commands it serves. */
class LocalSiteDirectoryIntegrationTest {

    static final String DATABASE = "platform-directory-it";

    MongoClient client;
    LocalSiteDirectory directory;

    @BeforeEach
    void store() {
        client = MongoClients.create(SharedMongo.uri(DATABASE));
        ReactiveMongoTemplate template = new ReactiveMongoTemplate(client, DATABASE);
        JsonMapper json = JsonMapper.builder().build();
        // no events are written here, so no relay is woken
        directory = new LocalSiteDirectory(new ScopedMongo(template, new OutboxEntries(json, Clock.systemUTC()), null), json);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    @DisplayName("issue 17: fifty requests that need a site's profile at once, none remembered, share one read of it; a profile kept later is seen at once")
    void requestsAtOnceShareOneRead() {
        String site = "D" + UUID.randomUUID().toString().substring(0, 6);
        directory.keep(new SiteProfile(site, "案场", "Asia/Shanghai", 1, List.of(), List.of())).block();
        counts(true);

        List<SiteProfile> found = Flux.range(0, 50).flatMap(i -> directory.find(SiteScope.of(site), site), 50).collectList().block();

        assertThat(found).hasSize(50).allSatisfy(profile -> assertThat(profile.revision()).isEqualTo(1));
        assertThat(counts(false).get(DATABASE + ".site_profiles find", 0L)).as("reads of the profile for the fifty").isEqualTo(1L);

        directory.keep(new SiteProfile(site, "案场（改）", "Asia/Shanghai", 2, List.of(), List.of())).block();
        assertThat(directory.find(SiteScope.of(site), site).block().revision()).isEqualTo(2);
    }

    private Document counts(boolean reset) {
        try (com.mongodb.client.MongoClient sync = com.mongodb.client.MongoClients.create(SharedMongo.uri(DATABASE))) {
            return sync.getDatabase("admin").runCommand(new Document("anchangCounts", 1).append("reset", reset)).get("counts", Document.class);
        }
    }
}
