package dev.loanflow.origination.flow;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.schemas.EventSerde;
import dev.loanflow.schemas.Topic;

/** What origination publishes, per topic and application, read back by an independent consumer. */
final class TopicLog {

    private static TopicLog instance;

    record Seen(Topic topic, SpecificRecord event) {
    }

    private final Map<String, List<Seen>> byApplication = new ConcurrentHashMap<>();

    private TopicLog(List<Topic> topics) {
        Map<String, Object> config = new HashMap<>(EventSerde.consumerProperties(
                SharedInfrastructure.schemaRegistry().registryApiUrl()));
        config.put("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
        config.put("group.id", "topic-log-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config)) {
                consumer.subscribe(topics.stream().map(Topic::topicName).toList());
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                        Topic topic = topics.stream().filter(t -> t.topicName().equals(record.topic())).findFirst().orElseThrow();
                        byApplication.computeIfAbsent(record.key(), key -> new CopyOnWriteArrayList<>())
                                .add(new Seen(topic, record.value()));
                    }
                }
            }
        }, "topic-log");
        reader.setDaemon(true);
        reader.start();
    }

    static synchronized TopicLog get() {
        if (instance == null) {
            instance = new TopicLog(List.of(Topic.BANK_REQUESTS, Topic.LIFECYCLE, Topic.STATUS, Topic.ANOMALIES,
                    Topic.REJECTED_SUBMISSIONS));
        }
        return instance;
    }

    <T extends SpecificRecord> List<T> of(String applicationId, Topic topic, Class<T> type) {
        return byApplication.getOrDefault(applicationId, List.of()).stream()
                .filter(seen -> seen.topic() == topic && type.isInstance(seen.event()))
                .map(seen -> type.cast(seen.event())).toList();
    }

    <T extends SpecificRecord> List<T> await(String applicationId, Topic topic, Class<T> type, int count) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (of(applicationId, topic, type).size() < count && System.currentTimeMillis() < deadline) {
            pause(100);
        }
        List<T> found = of(applicationId, topic, type);
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " " + type.getSimpleName() + " on " + topic + " for "
                    + applicationId + ", saw " + found.size());
        }
        return found;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
