package io.anchang.customer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.anchang.testing.SharedMongo;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: under a burst of walk-ins customer-service took seconds per question, and more with every customer the archive
 * gained: a customer was looked up by a phone's keyed hash with no index for it, so every question read the whole archive
 * (and so did every change the desk reported, looked up by the visit). The lookups are indexed; the stand-in keeps such an
 * index and counts the documents each query reads.
 */
class ArchiveLookupIntegrationTest extends SiteIntegrationTest {

    static final int ARCHIVE = 2_000;

    @Test
    @DisplayName("issue 17 R-CUS-3: a walk-in's question finds its customer by the phone's index — it reads a handful of documents, not the archive of 2,000")
    void aQuestionReadsTheCustomerByIndexNotTheArchive() {
        try (MongoClient client = MongoClients.create(SharedMongo.uri(DATABASE))) {
            var customers = client.getDatabase(DATABASE).getCollection("customers");
            List<Document> archive = new ArrayList<>();
            for (int i = 0; i < ARCHIVE; i++) {
                String hash = site + "-archive-" + i;
                archive.add(new Document("_id", site + "-c" + i).append("siteId", site).append("archiveNo", site + "-9" + i)
                        .append("phoneHashes", List.of(hash)).append("phoneKeys", List.of(site + "|" + hash)).append("visitIds", List.of())
                        .append("version", 1L));
            }
            customers.insertMany(archive);

            long fewest = Long.MAX_VALUE;
            // the fewest of three rounds: a background sweep of the service may read the collection during one of them
            for (int round = 0; round < 3; round++) {
                String phone = aPhone();
                reset(client);
                Map<String, Object> first = attribute(phone, T0.plusSeconds(round), desk("A", "A:AVAILABLE"));
                Map<String, Object> again = attribute(phone, T0.plusSeconds(round + 3_600), desk("A", "A:AVAILABLE"));
                assertThat(first.get("newCustomer")).isEqualTo(true);
                assertThat(again.get("customerId")).as("the same phone, the same customer").isEqualTo(first.get("customerId"));
                fewest = Math.min(fewest, examined(client));
            }
            assertThat(fewest).as("documents of the archive read for a new customer's question and a returning one's")
                    .isLessThan(20);
        }
    }

    private static void reset(MongoClient client) {
        client.getDatabase("admin").runCommand(new Document("anchangCounts", 1).append("reset", true));
    }

    private static long examined(MongoClient client) {
        Document read = client.getDatabase("admin").runCommand(new Document("anchangCounts", 1)).get("examined", Document.class);
        Object customers = read.get(DATABASE + ".customers");
        return customers == null ? 0 : ((Number) customers).longValue();
    }
}
