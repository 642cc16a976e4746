package dev.loanflow.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;

import dev.loanflow.infra.Platform;
import dev.loanflow.schemas.EventSerde;

/**
 * A topic read from its start as raw records, the way the tests look at what the platform published; a record is
 * decoded only when asked, so that poison on a topic cannot stop the reading.
 */
final class Topics implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Platform platform;
    private final AvroKafkaDeserializer<Object> events = new AvroKafkaDeserializer<>();

    Topics(Platform platform) {
        this.platform = platform;
        events.configure(EventSerde.consumerProperties(platform.registry.registryApiUrl()), false);
    }

    /** Every record on the topic when the call starts. */
    List<ConsumerRecord<String, byte[]>> untilEnd(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        read(topic, consumer -> {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            return end.entrySet().stream().allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue());
        }, records::add);
        return records;
    }

    /** The first {@code count} records with this key, waiting for them to arrive. */
    List<ConsumerRecord<String, byte[]>> await(String topic, String key, int count) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        read(topic, consumer -> found.size() >= count, record -> {
            if (key.equals(record.key())) {
                found.add(record);
            }
        });
        return found;
    }

    /** The record as one of our events, or null when it is not one (poison, another format). */
    Object event(ConsumerRecord<String, byte[]> record) {
        try {
            return events.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException notOurEvent) {
            return null;
        }
    }

    private void read(String topic, Predicate<KafkaConsumer<String, byte[]>> done,
                      java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        Map<String, Object> config = new HashMap<>(platform.kafka.adminProperties());
        config.put("group.id", "system-tests-" + UUID.randomUUID());
        config.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!done.test(consumer) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
