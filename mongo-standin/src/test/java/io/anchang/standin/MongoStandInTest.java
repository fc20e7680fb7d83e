package io.anchang.standin;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

class MongoStandInTest {

    @Test
    void answersHelloAsAWritablePrimary() {
        try (MongoStandIn standIn = MongoStandIn.inMemory();
             MongoClient client = MongoClients.create(standIn.connectionString("t"))) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.get("ok")).isIn(1, 1.0);
        }
    }

    @Test
    void keepsDataAcrossRestarts(@TempDir Path folder) {
        try (MongoStandIn standIn = MongoStandIn.onDisk(folder, 0);
             MongoClient client = MongoClients.create(standIn.connectionString("t"))) {
            client.getDatabase("t").getCollection("units").insertOne(new Document("_id", "3-1702").append("status", "AVAILABLE"));
        }
        try (MongoStandIn standIn = MongoStandIn.onDisk(folder, 0);
             MongoClient client = MongoClients.create(standIn.connectionString("t"))) {
            Document unit = client.getDatabase("t").getCollection("units").find(eq("_id", "3-1702")).first();
            assertThat(unit).isNotNull();
            assertThat(unit.getString("status")).isEqualTo("AVAILABLE");
        }
    }

    @Test
    void conditionalUpdateLetsOnlyTheExpectedStateWin() {
        try (MongoStandIn standIn = MongoStandIn.inMemory();
             MongoClient client = MongoClients.create(standIn.connectionString("t"))) {
            var units = client.getDatabase("t").getCollection("units");
            units.insertOne(new Document("_id", "u1").append("status", "AVAILABLE"));
            var options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
            Document first = units.findOneAndUpdate(and(eq("_id", "u1"), eq("status", "AVAILABLE")), set("status", "HELD"), options);
            Document second = units.findOneAndUpdate(and(eq("_id", "u1"), eq("status", "AVAILABLE")), set("status", "HELD"), options);
            assertThat(first).isNotNull();
            assertThat(second).isNull();
        }
    }

    @Test
    void countsTheCommandsItServesByCollection() {
        try (MongoStandIn standIn = MongoStandIn.inMemory();
             MongoClient client = MongoClients.create(standIn.connectionString("t"))) {
            var units = client.getDatabase("t").getCollection("units");
            client.getDatabase("admin").runCommand(new Document(StandInBackend.COUNTS, 1).append("reset", true));
            units.insertOne(new Document("_id", "u1").append("status", "AVAILABLE"));
            units.findOneAndUpdate(and(eq("_id", "u1"), eq("status", "AVAILABLE")), set("status", "HELD"));
            units.find(eq("_id", "u1")).first();
            units.find(eq("_id", "u1")).first();
            Document counts = client.getDatabase("admin").runCommand(new Document(StandInBackend.COUNTS, 1).append("reset", true))
                    .get("counts", Document.class);
            assertThat(counts.get("t.units insert")).isEqualTo(1L);
            assertThat(counts.get("t.units findAndModify")).isEqualTo(1L);
            assertThat(counts.get("t.units find")).isEqualTo(2L);
            Document after = client.getDatabase("admin").runCommand(new Document(StandInBackend.COUNTS, 1)).get("counts", Document.class);
            assertThat(after.get("t.units find")).isEqualTo(0L);
        }
    }

    @Test
    void findsByIdThroughItsIndexWithTheSameAnswerAsAScan(@TempDir Path folder) {
        try (MongoStandIn standIn = MongoStandIn.onDisk(folder, 0);
             MongoClient client = MongoClients.create(standIn.connectionString("t"))) {
            var units = client.getDatabase("t").getCollection("units");
            for (int i = 0; i < 50; i++) {
                units.insertOne(new Document("_id", "u" + i).append("siteId", i % 2 == 0 ? "SH01" : "BJ01").append("version", 1L));
            }
            // a scoped read: the _id and the site, in an $and as the services send it
            var scoped = and(eq("_id", "u4"), Filters.in("siteId", java.util.List.of("SH01")));
            assertThat(units.find(scoped).first()).isNotNull();
            assertThat(units.find(and(eq("_id", "u5"), Filters.in("siteId", java.util.List.of("SH01")))).first()).isNull();
            assertThat(units.find(and(eq("_id", "nope"), eq("siteId", "SH01"))).first()).isNull();
            // a conditional update on the version: only the expected version wins, once
            var options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
            var expected = and(and(eq("_id", "u4"), eq("version", 1L)), Filters.in("siteId", java.util.List.of("SH01")));
            assertThat(units.findOneAndUpdate(expected, com.mongodb.client.model.Updates.inc("version", 1L), options)).isNotNull();
            assertThat(units.findOneAndUpdate(expected, com.mongodb.client.model.Updates.inc("version", 1L), options)).isNull();
            assertThat(units.updateOne(expected, set("status", "HELD")).getMatchedCount()).isZero();
            assertThat(units.updateOne(and(eq("_id", "u4"), eq("version", 2L)), set("status", "HELD")).getMatchedCount()).isEqualTo(1);
            assertThat(units.find(eq("_id", "u4")).first().getString("status")).isEqualTo("HELD");
            assertThat(units.countDocuments(Filters.in("siteId", java.util.List.of("SH01")))).isEqualTo(25);
            // a scoped delete finds its document, and only it
            assertThat(units.deleteOne(and(eq("_id", "u6"), eq("siteId", "SH01"))).getDeletedCount()).isEqualTo(1);
            assertThat(units.countDocuments()).isEqualTo(49);
        }
    }

    @Test
    void findsByANonUniqueIndexWithTheSameAnswerAsAScanThroughChangesAndRestarts(@TempDir Path folder) {
        for (int start = 0; start < 2; start++) {
            try (MongoStandIn standIn = MongoStandIn.onDisk(folder, 0);
                 MongoClient client = MongoClients.create(standIn.connectionString("t"))) {
                var customers = client.getDatabase("t").getCollection("customers");
                var unindexed = client.getDatabase("t").getCollection("customers_unindexed");
                if (start == 0) {
                    customers.createIndex(new Document("phoneHashes", 1));
                    for (int i = 0; i < 40; i++) {
                        Document customer = new Document("_id", "c" + i).append("siteId", i % 2 == 0 ? "SH01" : "BJ01")
                                .append("phoneHashes", java.util.List.of("h" + i, "shared" + (i % 5))).append("archiveNo", 100 - i)
                                .append("mergedInto", i == 7 ? "c8" : null);
                        customers.insertOne(customer);
                        unindexed.insertOne(new Document(customer));
                    }
                    for (var collection : java.util.List.of(customers, unindexed)) {
                        collection.updateOne(eq("_id", "c3"), set("phoneHashes", java.util.List.of("moved")));
                        collection.deleteOne(eq("_id", "c4"));
                        collection.replaceOne(eq("_id", "c5"), new Document("_id", "c5").append("siteId", "BJ01")
                                .append("phoneHashes", "single").append("archiveNo", 95));
                    }
                }
                // the second start: the index is filled again from the documents kept on disk
                for (var query : java.util.List.of(eq("phoneHashes", "h3"), eq("phoneHashes", "moved"), eq("phoneHashes", "h4"),
                        eq("phoneHashes", "single"), eq("phoneHashes", "nobody"),
                        and(eq("phoneHashes", "shared2"), eq("siteId", "SH01"), eq("mergedInto", null)),
                        and(eq("phoneHashes", "shared2"), Filters.in("siteId", java.util.List.of("BJ01"))),
                        and(eq("phoneHashes", "h7"), eq("mergedInto", null)))) {
                    var expected = unindexed.find(query).sort(new Document("archiveNo", 1)).into(new java.util.ArrayList<>());
                    var found = customers.find(query).sort(new Document("archiveNo", 1)).into(new java.util.ArrayList<>());
                    assertThat(found).as(query.toString()).isEqualTo(expected);
                }
                assertThat(customers.find(eq("phoneHashes", "moved")).first().getString("_id")).isEqualTo("c3");
                assertThat(customers.find(eq("phoneHashes", "h3")).first()).isNull();
                assertThat(customers.find(and(eq("phoneHashes", "shared2"), eq("siteId", "SH01"))).into(new java.util.ArrayList<>()))
                        .extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("c2", "c12", "c22", "c32");
                // the index reads the one document it names; the collection without it reads all 39
                var admin = client.getDatabase("admin");
                admin.runCommand(new Document(StandInBackend.COUNTS, 1).append("reset", true));
                assertThat(customers.find(eq("phoneHashes", "h9")).first()).isNotNull();
                assertThat(unindexed.find(eq("phoneHashes", "h9")).first()).isNotNull();
                Document examined = admin.runCommand(new Document(StandInBackend.COUNTS, 1)).get("examined", Document.class);
                assertThat(((Number) examined.get("t.customers")).longValue()).isEqualTo(1);
                assertThat(((Number) examined.get("t.customers_unindexed")).longValue()).isEqualTo(39);
            }
        }
    }

    @Test
    void takesTheIdOfAQueryOnlyWhenItIsAnEquality() {
        assertThat(StandInBackend.idEquality(new de.bwaldvogel.mongo.bson.Document("_id", "u1").append("siteId", "SH01"))).isEqualTo("u1");
        assertThat(StandInBackend.idEquality(new de.bwaldvogel.mongo.bson.Document("$and", java.util.List.of(
                new de.bwaldvogel.mongo.bson.Document("_id", "u1"), new de.bwaldvogel.mongo.bson.Document("siteId", "SH01"))))).isEqualTo("u1");
        assertThat(StandInBackend.idEquality(new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$in", java.util.List.of("u1", "u2"))))).isNull();
        assertThat(StandInBackend.idEquality(new de.bwaldvogel.mongo.bson.Document("siteId", "SH01"))).isNull();
    }
}
