package dev.loanflow.eventing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.loanflow.schemas.Topic;

/**
 * A record that cannot be read or processed goes to {@code <topic>.dlt} (same partition) with the reason in Spring
 * Kafka's {@code kafka_dlt-*} headers, and the partition moves on. Failures that mean "a dependency is down" are
 * retried with backoff for longer before a record is dead-lettered.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    public static DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> avroTemplate, KafkaProperties kafka,
                                                   Predicate<Throwable> isOutage, Duration outageRetry) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, rawTemplate(kafka));
        templates.put(Object.class, avroTemplate);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(templates,
                (record, failure) -> new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, record.partition()));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff(500, 30_000, outageRetry.toMillis()));
        // a batch listener wraps the failure in BatchListenerFailedException, so the whole chain is searched
        handler.setBackOffFunction((record, failure) ->
                Stream.iterate((Throwable) failure, Objects::nonNull, Throwable::getCause).limit(10).anyMatch(isOutage)
                        ? null : backOff(200, 1_000, 2_000));
        handler.setRetryListeners((record, failure, attempt) -> log.warn(
                "{}-{}@{} failed (attempt {}), retried after a pause: {}", record.topic(), record.partition(),
                record.offset(), attempt, causes(failure)));
        return handler;
    }

    /**
     * The chain of exception classes, with the messages of our own exceptions only: other messages can quote the
     * record (a database constraint names the values, personal data included).
     */
    static String causes(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable cause = failure; cause != null && chain.length() < 500; cause = cause.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(cause.getClass().getName());
            if (cause.getClass().getName().startsWith("dev.loanflow.")) {
                chain.append(": ").append(cause.getMessage());
            }
        }
        return chain.toString();
    }

    private static ExponentialBackOff backOff(long initial, long maxInterval, long maxElapsed) {
        ExponentialBackOff backOff = new ExponentialBackOff(initial, 2.0);
        backOff.setMaxInterval(maxInterval);
        backOff.setMaxElapsedTime(maxElapsed);
        return backOff;
    }

    private static KafkaTemplate<Object, Object> rawTemplate(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties(null);
        config.put("key.serializer", StringSerializer.class);
        config.put("value.serializer", ByteArraySerializer.class);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }
}
