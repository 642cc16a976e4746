package dev.loanflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.loanflow.events.SubmissionRejected;
import dev.loanflow.infra.Platform;
import dev.loanflow.infra.testdata.TestData;
import dev.loanflow.schemas.EventSerde;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;

/**
 * Invariant: a record a consumer cannot read lands in that topic's dead-letter topic with the reason, an event that
 * breaks the rules is rejected on the documented topic with the reasons, and the partition keeps flowing: the next
 * record with the same key is processed, through every service.
 */
class PoisonMessagesIT {

    private static final String PUBLISHER = "checkout";
    private static final List<String> CONSUMED = List.of(UpstreamPublishers.topicOf(PUBLISHER), Topic.BANK_REQUESTS.topicName(),
            Topic.BANK_OUTCOMES.topicName(), Topic.LIFECYCLE.topicName());
    private static final byte[] NOT_AVRO = "{\"this\": \"is JSON, not Avro\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UNKNOWN_SCHEMA_ID = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4, 6, 8};

    private final Platform platform = SharedPlatform.get();

    @Test
    void unreadableRecordsAreDeadLetteredWithTheirReasonAndEveryPartitionKeepsFlowing() throws Exception {
        String applicationId = "poison-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(platform.kafka.adminProperties(), new StringSerializer(),
                new ByteArraySerializer())) {
            for (String topic : CONSUMED) {
                raw.send(new ProducerRecord<>(topic, applicationId, NOT_AVRO)).get();
                raw.send(new ProducerRecord<>(topic, applicationId, UNKNOWN_SCHEMA_ID)).get();
            }
        }
        Instant sent = Instant.now();
        send(applicationId, UpstreamSubmissions.submission(applicationId, "merchant-topic", TestData.nationalId()));

        String status = awaitStatus(applicationId, "APPROVED", Duration.ofSeconds(90));
        Map<String, List<ConsumerRecord<String, byte[]>>> deadLetters = new HashMap<>();
        try (Topics topics = new Topics(platform)) {
            for (String topic : CONSUMED) {
                deadLetters.put(topic, topics.await(topic + Topic.DEAD_LETTER_SUFFIX, applicationId, 2));
            }
        }
        System.out.printf("[fault-report] poison: 8 unreadable records on 4 topics; %d dead-lettered; the application "
                + "behind them reached %s in %.1f s%n", deadLetters.values().stream().mapToInt(List::size).sum(), status,
                Duration.between(sent, Instant.now()).toMillis() / 1000.0);

        assertThat(status).isEqualTo("APPROVED");
        assertThat(deliveries(applicationId)).as("notifications kept flowing").isPositive();
        deadLetters.forEach((topic, records) -> {
            assertThat(records).as(topic).hasSize(2);
            assertThat(records).as(topic).allSatisfy(record -> {
                assertThat(header(record, "kafka_dlt-exception-message")).as("can quote the record").isNull();
                assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(topic);
                assertThat(header(record, "loanflow-dlt-sealed")).isNotNull();
            });
            assertThat(records.get(0).value()).as("sealed").isNotEqualTo(NOT_AVRO);
            assertThat(header(records.get(0), "loanflow-dlt-cause")).as(topic)
                    .isEqualTo("not in Confluent wire format: first byte 0x7B");
            assertThat(header(records.get(1), "loanflow-dlt-cause")).as(topic).isEqualTo("unknown schema id 2139062143");
        });
    }

    @Test
    void anEventThatBreaksTheRulesIsRejectedWithItsReasonsAndChangesNothing() throws Exception {
        String applicationId = "invalid-" + UUID.randomUUID();

        send(applicationId, UpstreamSubmissions.submission(applicationId, "merchant-topic", "12345678901"));
        SubmissionRejected rejection;
        try (Topics topics = new Topics(platform)) {
            rejection = (SubmissionRejected) topics.event(
                    topics.await(Topic.REJECTED_SUBMISSIONS.topicName(), applicationId, 1).get(0));
        }

        assertThat(rejection).isNotNull();
        assertThat(rejection.toString()).contains("nationalIdentityNumber");
        assertThat(awaitStatus(applicationId, "NEW", Duration.ofSeconds(2))).isNull();
    }

    private void send(String key, SpecificRecord event) throws Exception {
        Map<String, Object> config = new HashMap<>(EventSerde.publisherProperties(platform.registry.registryApiUrl()));
        config.putAll(platform.kafka.clientProperties(PUBLISHER));
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(UpstreamPublishers.topicOf(PUBLISHER), key, event)).get();
        }
    }

    private String awaitStatus(String applicationId, String wanted, Duration patience) throws Exception {
        long deadline = System.currentTimeMillis() + patience.toMillis();
        String status = null;
        do {
            try (Connection connection = platform.database();
                 PreparedStatement query = connection.prepareStatement(
                         "select status from origination.loan_application where application_id = ?")) {
                query.setString(1, applicationId);
                try (ResultSet result = query.executeQuery()) {
                    status = result.next() ? result.getString(1) : null;
                }
            }
            if (wanted.equals(status)) {
                return status;
            }
            Thread.sleep(250);
        } while (System.currentTimeMillis() < deadline);
        return status;
    }

    private long deliveries(String applicationId) throws Exception {
        return UpstreamSubmissions.count(platform, "select count(*) from notification.delivery where application_id = ?",
                applicationId);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
