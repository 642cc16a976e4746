package dev.loanflow.eventing;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import com.microsoft.kiota.ApiException;

import dev.loanflow.schemas.ExplainingAvroDeserializer;
import dev.loanflow.schemas.StoredEvents;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * What a consumer does with a record it could not handle, the same in every service. An outage (a dependency is
 * down: the database, the broker, the schema registry, the bank, any address that does not answer) pauses the partition and
 * retries with capped exponential back-off, for as long as the outage lasts: an outage never dead-letters. Any other
 * failure is deterministic (bytes that can never be read, a record that breaks a rule) and goes to
 * {@code <topic>.dlt} at once (same partition), sealed, with Spring Kafka's {@code kafka_dlt-*} headers (not the
 * exception's message or stack trace) and a readable {@value #CAUSE_HEADER}, and the partition moves on.
 */
public final class DeadLetters {

    /** Why the record was dead-lettered, in words an operator can act on. */
    public static final String CAUSE_HEADER = "loanflow-dlt-cause";
    /** On a dead letter whose value is sealed ({@link #opened}); letters from before sealing began lack it. */
    public static final String SEALED_HEADER = "loanflow-dlt-sealed";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final long OUTAGE_FIRST_PAUSE_MILLIS = 500;
    private static final long OUTAGE_LONGEST_PAUSE_MILLIS = 30_000;

    private DeadLetters() {
    }

    /**
     * @param storedEvents writes a record that was read but broke a rule back into bytes, to be sealed
     * @param sealer seals every dead letter's value: a record that could not be handled may hold personal data
     * @param serviceOutages what else means "a dependency is down" for this service (for example the bank)
     */
    public static DefaultErrorHandler errorHandler(KafkaProperties kafka, StoredEvents storedEvents,
                                                   PersonalDataSealer sealer, Predicate<Throwable> serviceOutages) {
        return errorHandler(recoverer(kafka, storedEvents, sealer), serviceOutages);
    }

    /** The same, publishing through a {@link #recoverer} the service also uses itself. */
    public static DefaultErrorHandler errorHandler(DeadLetterPublishingRecoverer recoverer,
                                                   Predicate<Throwable> serviceOutages) {
        Predicate<Throwable> outage = isOutage(serviceOutages);
        // the default back-off must allow retries (Spring Kafka skips the function when it does not); a failure that is
        // not an outage gets none
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, outageBackOff());
        // a registry that cannot be reached while a record is read is an outage too: the back-off decides, not the type
        handler.removeClassification(DeserializationException.class);
        handler.setBackOffFunction((record, failure) -> outage.test(failure) ? null : new FixedBackOff(0, 0));
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
                log.warn("{}-{}@{} failed (attempt {}): {}", record.topic(), record.partition(), record.offset(), attempt,
                        causes(failure));
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
                log.warn("{}-{}@{} dead-lettered: {}", record.topic(), record.partition(), record.offset(),
                        readableCause(record, failure));
            }
        });
        return handler;
    }

    /**
     * Publishes a record to {@code <topic>.dlt} as the error handler does, for records a service held back itself and
     * found it cannot handle.
     */
    public static DeadLetterPublishingRecoverer recoverer(KafkaProperties kafka, StoredEvents storedEvents,
                                                          PersonalDataSealer sealer) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(rawTemplate(kafka),
                (record, failure) -> new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, record.partition())) {
            @Override
            protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
                                                                          TopicPartition deadLetterTopic, Headers headers,
                                                                          byte[] unreadableKey, byte[] unreadableValue) {
                Object value = unreadableValue != null ? unreadableValue : record.value();
                byte[] bytes = value instanceof SpecificRecord event ? storedEvents.encode(event) : (byte[]) value;
                return new ProducerRecord<>(deadLetterTopic.topic(), deadLetterTopic.partition(), record.key(),
                        bytes == null ? null : seal(sealer, bytes), headers);
            }
        };
        // exception messages and stack traces can quote the record; the readable cause header says why instead
        recoverer.excludeHeader(HeaderNames.HeadersToAdd.EX_MSG, HeaderNames.HeadersToAdd.EX_STACKTRACE);
        recoverer.addHeadersFunction((record, failure) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(CAUSE_HEADER, readableCause(record, failure).getBytes(StandardCharsets.UTF_8));
            headers.add(SEALED_HEADER, new byte[] {1});
            return headers;
        });
        return recoverer;
    }

    /** An outage anywhere in the failure's chain (a batch listener wraps the failure, so the whole chain counts). */
    public static Predicate<Throwable> isOutage(Predicate<Throwable> serviceOutages) {
        Predicate<Throwable> common = cause -> cause instanceof TransientDataAccessException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof CannotCreateTransactionException
                // a commit the database could not confirm (its connection went away); redelivery is deduplicated
                || cause instanceof TransactionSystemException
                || cause instanceof RetriableException
                || cause instanceof SQLException sql && connectionLost(sql.getSQLState())
                || cause instanceof SocketException || cause instanceof SocketTimeoutException
                || cause instanceof HttpTimeoutException || cause instanceof UnknownHostException
                || cause instanceof ExplainingAvroDeserializer.RegistryUnavailable
                || (cause instanceof ApiException api && api.getResponseStatusCode() >= 500);
        Predicate<Throwable> any = common.or(serviceOutages);
        return failure -> chain(failure).anyMatch(any);
    }

    /** SQL states of a connection that failed or was closed by the server (class 08, and 57P: operator intervention). */
    private static boolean connectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }

    private static ExponentialBackOff outageBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(OUTAGE_FIRST_PAUSE_MILLIS, 2.0);
        backOff.setMaxInterval(OUTAGE_LONGEST_PAUSE_MILLIS);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }

    /**
     * Why a record was dead-lettered: what the deserializer found wrong with its bytes ({@link
     * ExplainingAvroDeserializer}), else the failure's classes with our own messages only.
     */
    static String readableCause(ConsumerRecord<?, ?> record, Exception failure) {
        return chain(failure).filter(ExplainingAvroDeserializer.UnreadableRecord.class::isInstance).findFirst()
                .map(Throwable::getMessage).orElseGet(() -> causes(failure));
    }

    private static Stream<Throwable> chain(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause).limit(20);
    }

    /**
     * The chain of exception classes, with the messages of our own exceptions only: other messages can quote the
     * record (a database constraint names the values, personal data included).
     */
    public static String causes(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable cause = failure; cause != null && chain.length() < 500; cause = cause.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(cause.getClass().getName());
            if (cause.getClass().getName().startsWith("dev.loanflow.")) {
                chain.append(": ").append(cause.getMessage());
            }
        }
        return chain.toString();
    }

    private static byte[] seal(PersonalDataSealer sealer, byte[] value) {
        return PersonalDataSealer.bytes(sealer.sealBytes(value));
    }

    /** The value of a dead letter as the consumer received it. */
    public static byte[] opened(PersonalDataSealer sealer, ConsumerRecord<String, byte[]> deadLetter) {
        if (deadLetter.value() == null || deadLetter.headers().lastHeader(SEALED_HEADER) == null) {
            return deadLetter.value();
        }
        return sealer.openBytes(PersonalDataSealer.sealedValue(deadLetter.value()));
    }

    private static KafkaTemplate<Object, Object> rawTemplate(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties(null);
        config.put("key.serializer", StringSerializer.class);
        config.put("value.serializer", ByteArraySerializer.class);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }
}
