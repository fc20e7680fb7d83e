package io.anchang.standin;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
}
