package io.anchang.platform.mongo;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.anchang.platform.outbox.OutboxEntries;
import io.anchang.platform.security.Caller;
import io.anchang.platform.security.SiteScope;
import io.anchang.platform.site.Role;
import io.anchang.testing.SharedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The site-scoped store's conditional replace, over the wire to the MongoDB stand-in. */
class ScopedMongoIntegrationTest {

    /** An aggregate whose hold may come and go. */
    record Slot(String id, String siteId, String heldBy, String note) {
    }

    MongoClient client;
    ReactiveMongoTemplate template;
    ScopedMongo mongo;
    final Caller manager = new Caller("mgr-1", "王经理", Set.of(Role.MANAGER), SiteScope.of("SH01"));

    @BeforeEach
    void store() {
        client = MongoClients.create(SharedMongo.uri("platform-scoped-it"));
        template = new ReactiveMongoTemplate(client, "platform-scoped-it");
        // no events are written here, so no relay is woken
        mongo = new ScopedMongo(template, new OutboxEntries(JsonMapper.builder().build(), Clock.systemUTC()), null);
    }

    /** The slot as a first write leaves it: version 1. */
    private void stored(Slot slot) {
        Document document = mongo.toDocument(slot);
        document.put("version", 1L);
        template.insert(document, "slots").block();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    @DisplayName("a field the aggregate now holds as null is gone from the stored document: no stale value stays behind")
    void aClearedFieldIsRemoved() {
        String id = "slot-" + UUID.randomUUID();
        stored(new Slot(id, "SH01", "rep-1", "保留"));

        assertThat(mongo.replace(manager, new Slot(id, "SH01", null, "保留"), 1, "slots", List.of()).block()).isTrue();

        Document stored = template.findById(id, Document.class, "slots").block();
        assertThat(stored).doesNotContainKey("heldBy").containsEntry("note", "保留").containsEntry("version", 2L);
        assertThat(template.findById(id, Slot.class, "slots").block()).isEqualTo(new Slot(id, "SH01", null, "保留"));
    }

    @Test
    @DisplayName("a replace at a stale version changes nothing")
    void aStaleReplaceChangesNothing() {
        String id = "slot-" + UUID.randomUUID();
        stored(new Slot(id, "SH01", "rep-1", null));

        assertThat(mongo.replace(manager, new Slot(id, "SH01", null, null), 7, "slots", List.of()).block()).isFalse();

        assertThat(template.findById(id, Document.class, "slots").block()).containsEntry("heldBy", "rep-1").containsEntry("version", 1L);
    }
}
