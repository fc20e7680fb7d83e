package io.anchang.platform.outbox;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.anchang.testing.SharedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With several replicas of a service, exactly one relays its outbox at a time, and another takes over when it stops. */
class RelayLeaseIntegrationTest {

    final String database = "platform-lease-it-" + UUID.randomUUID().toString().substring(0, 8);
    final MongoClient client = MongoClients.create(SharedMongo.uri(database));
    final ReactiveMongoTemplate template = new ReactiveMongoTemplate(client, database);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void oneInstanceHoldsTheLeaseAndRenewsIt() {
        RelayLease first = new RelayLease(template, Clock.systemUTC(), Duration.ofSeconds(30));
        RelayLease second = new RelayLease(template, Clock.systemUTC(), Duration.ofSeconds(30));
        assertThat(first.hold()).isTrue();
        assertThat(second.hold()).isFalse();
        assertThat(first.hold()).as("renewed by its holder").isTrue();
        assertThat(second.hold()).isFalse();
    }

    @Test
    void anotherInstanceTakesOverWhenTheLeaseLapsesOrIsGivenUp() {
        Instant now = Instant.now();
        RelayLease first = new RelayLease(template, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(10));
        RelayLease later = new RelayLease(template, Clock.fixed(now.plusSeconds(11), ZoneOffset.UTC), Duration.ofSeconds(10));
        assertThat(first.hold()).isTrue();
        assertThat(later.hold()).as("the first one's lease has lapsed").isTrue();
        assertThat(first.hold()).isFalse();

        later.release();
        assertThat(first.hold()).as("given up, so free at once").isTrue();
    }
}
