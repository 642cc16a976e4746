package dev.loanflow.eventing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.KafkaHeaders;

import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * The dead letters of the topics a service reads, listed for an operator and put back on their topic once the cause
 * is fixed. A replayed record is the dead letter's key, bytes and original headers, on its original partition; the
 * consumers deduplicate by event id, so replaying a record twice, or one that was handled after all, changes nothing.
 */
public class DeadLetterReplay {

    /** A header on a replayed record: the dead letter it came from ({@code topic/partition/offset}). */
    public static final String REPLAYED_FROM_HEADER = "loanflow-replayed-from";

    private static final Duration POLL = Duration.ofMillis(500);

    /** @param cause the readable cause, or the exception's class for letters from before it was recorded */
    public record DeadLetter(String topic, int partition, long offset, String key, Instant deadLetteredAt,
                             String originalTopic, String cause) {
    }

    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final Set<String> deadLetterTopics;
    private final PersonalDataSealer sealer;

    /**
     * @param sealer opens the sealed values of the dead letters
     * @param readTopics the names of the topics whose dead letters this service may list and replay: the ones it reads
     */
    public DeadLetterReplay(Map<String, Object> consumerConfig, Map<String, Object> producerConfig,
                            PersonalDataSealer sealer, List<String> readTopics) {
        this.sealer = sealer;
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.producerConfig = new HashMap<>(producerConfig);
        this.deadLetterTopics = Set.copyOf(readTopics.stream().map(topic -> topic + Topic.DEAD_LETTER_SUFFIX).toList());
    }

    /** The newest dead letters of one dead-letter topic, oldest first, at most {@code limit} per partition. */
    public List<DeadLetter> list(String deadLetterTopic, int limit) {
        requireReplayable(deadLetterTopic);
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            for (PartitionInfo partition : consumer.partitionsFor(deadLetterTopic)) {
                TopicPartition assigned = new TopicPartition(deadLetterTopic, partition.partition());
                consumer.assign(List.of(assigned));
                long end = consumer.endOffsets(List.of(assigned)).get(assigned);
                long start = Math.max(consumer.beginningOffsets(List.of(assigned)).get(assigned), end - limit);
                consumer.seek(assigned, start);
                while (consumer.position(assigned) < end) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        letters.add(describe(record));
                    }
                }
            }
        }
        return letters;
    }

    /**
     * How many dead letters each of this service's dead-letter topics keeps (replayed ones included, until retention
     * removes them), read from the topics' offsets without reading a record; a topic not created yet keeps none.
     */
    public Map<String, Long> held() {
        Map<String, Long> held = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Map<String, List<PartitionInfo>> existing = consumer.listTopics();
            for (String topic : deadLetterTopics) {
                List<TopicPartition> partitions = existing.getOrDefault(topic, List.of()).stream()
                        .map(partition -> new TopicPartition(topic, partition.partition())).toList();
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
                held.put(topic, partitions.stream().mapToLong(partition -> ends.get(partition) - starts.get(partition)).sum());
            }
        }
        return held;
    }

    /**
     * Puts the dead letters at these offsets back on their original topic and partition.
     *
     * @return the offsets replayed, in order; an offset with no record is left out
     */
    public List<Long> replay(String deadLetterTopic, int partition, List<Long> offsets) {
        requireReplayable(deadLetterTopic);
        TopicPartition assigned = new TopicPartition(deadLetterTopic, partition);
        List<Long> replayed = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                     new ByteArraySerializer())) {
            consumer.assign(List.of(assigned));
            long end = consumer.endOffsets(List.of(assigned)).get(assigned);
            for (long offset : offsets.stream().sorted().distinct().toList()) {
                if (offset >= end) {
                    continue;
                }
                consumer.seek(assigned, offset);
                ConsumerRecord<String, byte[]> letter = next(consumer, offset);
                if (letter == null) {
                    continue;
                }
                producer.send(backOnItsTopic(letter)).get();
                replayed.add(offset);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying dead letters", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take a replayed record", e.getCause());
        }
        return replayed;
    }

    private ConsumerRecord<String, byte[]> next(KafkaConsumer<String, byte[]> consumer, long offset) {
        for (int attempt = 0; attempt < 10; attempt++) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.offset() == offset) {
                    return record;
                }
                if (record.offset() > offset) {
                    return null;
                }
            }
        }
        return null;
    }

    private ProducerRecord<String, byte[]> backOnItsTopic(ConsumerRecord<String, byte[]> letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.headers()) {
            if (!header.key().startsWith(KafkaHeaders.PREFIX + "dlt-") && !header.key().equals(DeadLetters.CAUSE_HEADER)
                    && !header.key().equals(DeadLetters.SEALED_HEADER) && !header.key().startsWith("springDeserializerException")) {
                headers.add(header);
            }
        }
        headers.add(REPLAYED_FROM_HEADER, (letter.topic() + "/" + letter.partition() + "/" + letter.offset())
                .getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(originalTopic(letter), originalPartition(letter), letter.key(),
                DeadLetters.opened(sealer, letter), headers);
    }

    private static DeadLetter describe(ConsumerRecord<String, byte[]> record) {
        String cause = text(record, DeadLetters.CAUSE_HEADER);
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                Instant.ofEpochMilli(record.timestamp()), originalTopic(record),
                cause != null ? cause : text(record, KafkaHeaders.DLT_EXCEPTION_FQCN));
    }

    private static String originalTopic(ConsumerRecord<String, byte[]> letter) {
        String original = text(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        return original != null ? original : letter.topic().substring(0, letter.topic().length() - Topic.DEAD_LETTER_SUFFIX.length());
    }

    private static int originalPartition(ConsumerRecord<String, byte[]> letter) {
        Header original = letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION);
        return original != null && original.value().length == Integer.BYTES
                ? ByteBuffer.wrap(original.value()).getInt() : letter.partition();
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        Header found = record.headers().lastHeader(header);
        return found == null ? null : new String(found.value(), StandardCharsets.UTF_8);
    }

    private void requireReplayable(String deadLetterTopic) {
        if (!deadLetterTopics.contains(deadLetterTopic)) {
            throw new IllegalArgumentException("not a dead-letter topic of this service: " + deadLetterTopic
                    + "; its dead-letter topics are " + deadLetterTopics.stream().sorted().toList());
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
