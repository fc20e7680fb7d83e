package io.anchang.reporting.adapter.kafka;

import io.anchang.platform.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Puts the records the projection cannot use on {@code <topic>.dlt} (kept forever, like the
 * topics), with where they came from and why, and waits for the broker to have them.
 */
public final class KafkaDeadLetters implements ProjectionEngine.DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(KafkaDeadLetters.class);

    private final KafkaTemplate<String, String> template;
    private final KafkaAdmin admin;
    private volatile boolean topicsReady;

    public KafkaDeadLetters(KafkaTemplate<String, String> template, KafkaAdmin admin) {
        this.template = template;
        this.admin = admin;
    }

    @Override
    public void send(Collection<Letter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        ensureTopics();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (Letter letter : letters) {
            var origin = letter.record();
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.deadLetter(origin.topic()), origin.key(), origin.value());
            origin.headers().forEach(header -> record.headers().add(header));
            record.headers().add(new RecordHeader("anchang.dlt.origin",
                    (origin.topic() + "-" + origin.partition() + "@" + origin.offset()).getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("anchang.dlt.consumer", "reporting.projections".getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("anchang.dlt.reason", String.valueOf(letter.reason()).getBytes(StandardCharsets.UTF_8)));
            log.warn("record {}-{}@{} goes to {}: {}", origin.topic(), origin.partition(), origin.offset(), record.topic(), letter.reason());
            sent.add(template.send(record));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the dead-letter topic did not take the records", e);
        }
    }

    private void ensureTopics() {
        if (topicsReady) {
            return;
        }
        List<NewTopic> topics = Topics.ALL.stream().map(topic -> TopicBuilder.name(Topics.deadLetter(topic)).partitions(1)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build()).toList();
        try {
            admin.createOrModifyTopics(topics.toArray(NewTopic[]::new));
            topicsReady = true;
        } catch (RuntimeException e) {
            log.warn("the dead-letter topics could not be checked: {}", e.toString());
        }
    }
}
