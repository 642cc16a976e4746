package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.loanflow.events.PreApproved;
import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.schemas.Topic;

class DeadLetterIT extends GatewayFlowTest {

    @Test
    void bytesThatAreNotAvroGoToTheDeadLetterTopicWithTheReasonAndThePartitionKeepsFlowing() throws Exception {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("41");
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                "bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topic.BANK_REQUESTS.topicName(), customer.applicationId,
                    "definitely not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        customer.send(customer.preApproval());

        ConsumerRecord<String, byte[]> deadLetter = deadLetterFor(customer.applicationId);

        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("definitely not avro");
        assertThat(header(deadLetter, "kafka_dlt-exception-message")).isNotBlank();
        assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(Topic.BANK_REQUESTS.topicName());
        assertThat(outcomes.await(customer.applicationId, PreApproved.class, PATIENCE)).isNotNull();
    }

    private static ConsumerRecord<String, byte[]> deadLetterFor(String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(),
                "group.id", "dlt-reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topic.BANK_REQUESTS.deadLetterTopicName()));
            long deadline = System.currentTimeMillis() + PATIENCE.toMillis();
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter for " + key);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
