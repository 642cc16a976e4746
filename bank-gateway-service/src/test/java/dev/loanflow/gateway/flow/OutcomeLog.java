package dev.loanflow.gateway.flow;

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

/** Everything the gateway publishes on the bank outcomes topic, by application id, read by an independent consumer. */
final class OutcomeLog {

    private static OutcomeLog instance;

    private final Map<String, List<SpecificRecord>> byApplication = new ConcurrentHashMap<>();

    private OutcomeLog() {
        Map<String, Object> config = new HashMap<>(EventSerde.consumerProperties(
                SharedInfrastructure.schemaRegistry().registryApiUrl()));
        config.put("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
        config.put("group.id", "outcome-log-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config)) {
                consumer.subscribe(List.of(Topic.BANK_OUTCOMES.topicName()));
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                        byApplication.computeIfAbsent(record.key(), key -> new CopyOnWriteArrayList<>()).add(record.value());
                    }
                }
            }
        }, "outcome-log");
        reader.setDaemon(true);
        reader.start();
    }

    static synchronized OutcomeLog get() {
        if (instance == null) {
            instance = new OutcomeLog();
        }
        return instance;
    }

    List<SpecificRecord> of(String applicationId) {
        return List.copyOf(byApplication.getOrDefault(applicationId, List.of()));
    }

    <T extends SpecificRecord> List<T> of(String applicationId, Class<T> type) {
        return of(applicationId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits for the first outcome of the type for the application. */
    <T extends SpecificRecord> T await(String applicationId, Class<T> type, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<T> found = of(applicationId, type);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            pause(100);
        }
        throw new AssertionError("no " + type.getSimpleName() + " for " + applicationId + " within " + within
                + "; saw " + of(applicationId).stream().map(event -> event.getClass().getSimpleName()).toList());
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
