package io.anchang.deploy;

import io.anchang.platform.events.Topics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Kafka: KRaft node pools; the platform's four topics and their dead-letter topics, replicated 3, min ISR 2, kept forever")
class KafkaTopicsTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("OVERLAYS")
    @DisplayName("the topics are the platform's, each safe and kept forever; each service has its Kafka user")
    void topicsAreThePlatforms(String overlay) {
        List<Map<String, Object>> objects = Manifests.overlay(overlay);

        assertThat(Manifests.ofKind(objects, "KafkaTopic")).extracting(t -> Tree.string(t, "spec", "topicName"))
                .containsExactlyInAnyOrderElementsOf(Stream.concat(Topics.ALL.stream(), Topics.ALL.stream().map(Topics::deadLetter)).toList());
        assertThat(violations(objects)).isEmpty();
        assertThat(Manifests.ofKind(objects, "KafkaUser")).extracting(Manifests::name).containsExactlyInAnyOrder(
                "reception-service", "customer-service", "deal-service", "finance-service", "reporting-service");
    }

    @Test
    @DisplayName("a topic with one replica, a lower min ISR or a retention limit is caught")
    void unsafeTopicIsCaught() {
        List<Map<String, Object>> objects = Manifests.copy(Manifests.overlay("prod"));
        Map<String, Object> deal = Manifests.find(objects, "KafkaTopic", "anchang-deal-v1").orElseThrow();
        Tree.map(deal, "spec").put("replicas", 1);
        Map<String, Object> finance = Manifests.find(objects, "KafkaTopic", "anchang-finance-v1").orElseThrow();
        Tree.map(finance, "spec", "config").put("retention.ms", 604800000);
        Tree.map(finance, "spec", "config").put("min.insync.replicas", 1);

        assertThat(violations(objects))
                .anySatisfy(v -> assertThat(v).contains("anchang.deal.v1 has 1 replicas"))
                .anySatisfy(v -> assertThat(v).contains("anchang.finance.v1 keeps events for 604800000"))
                .anySatisfy(v -> assertThat(v).contains("anchang.finance.v1 acknowledges writes on 1 replicas"));
    }

    @Test
    @DisplayName("a Kafka cluster outside node pools, or without KRaft controllers, is caught")
    void clusterWithoutKraftNodePoolsIsCaught() {
        List<Map<String, Object>> objects = Manifests.copy(Manifests.overlay("prod"));
        Tree.list(Manifests.ofKind(objects, "KafkaNodePool").get(0), "spec", "roles").remove("controller");

        assertThat(violations(objects)).anySatisfy(v -> assertThat(v).contains("no KRaft controllers"));
    }

    static List<String> violations(List<Map<String, Object>> objects) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> topic : Manifests.ofKind(objects, "KafkaTopic")) {
            String name = Tree.string(topic, "spec", "topicName");
            Map<String, String> config = Tree.strings(topic, "spec", "config");
            if (!"3".equals(Tree.string(topic, "spec", "replicas"))) {
                out.add(name + " has " + Tree.string(topic, "spec", "replicas") + " replicas, not 3");
            }
            if (!"2".equals(config.get("min.insync.replicas"))) {
                out.add(name + " acknowledges writes on " + config.get("min.insync.replicas") + " replicas, not 2");
            }
            if (!"-1".equals(config.get("retention.ms")) || !"-1".equals(config.getOrDefault("retention.bytes", "-1"))) {
                out.add(name + " keeps events for " + config.get("retention.ms") + " ms: events are kept forever (retention.ms -1)");
            }
            if (Integer.parseInt(Tree.string(topic, "spec", "partitions")) < 1) {
                out.add(name + " has no partitions");
            }
            if (!"anchang".equals(Tree.string(topic, "metadata", "labels", "strimzi.io/cluster"))) {
                out.add(name + " belongs to no Kafka cluster of the suite");
            }
        }
        List<Map<String, Object>> pools = Manifests.ofKind(objects, "KafkaNodePool");
        int controllers = pools.stream().filter(p -> Tree.list(p, "spec", "roles").contains("controller"))
                .mapToInt(p -> Integer.parseInt(Tree.string(p, "spec", "replicas"))).sum();
        int brokers = pools.stream().filter(p -> Tree.list(p, "spec", "roles").contains("broker"))
                .mapToInt(p -> Integer.parseInt(Tree.string(p, "spec", "replicas"))).sum();
        if (controllers < 3) {
            out.add("no KRaft controllers for a quorum: " + controllers + " in the node pools, 3 needed");
        }
        if (brokers < 3) {
            out.add(brokers + " brokers: replication 3 needs 3");
        }
        return out;
    }
}
