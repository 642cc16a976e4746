package dev.loanflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.infra.SharedInfrastructure;

/** An ApplicationSubmitted goes through the real registry to a real broker and back. */
class ApplicationSubmittedRoundTripIT {

    private static final String TOPIC = Topic.SUBMISSIONS.topicName();

    private static String bootstrapServers;
    private static String registryUrl;
    private static String confluentUrl;

    @BeforeAll
    static void infrastructure() {
        bootstrapServers = SharedInfrastructure.kafka().bootstrapServers();
        registryUrl = SharedInfrastructure.schemaRegistry().registryApiUrl();
        confluentUrl = SharedInfrastructure.schemaRegistry().confluentApiUrl();
        SharedInfrastructure.kafka().createTopics(List.of(
                new NewTopic(TOPIC, Topic.SUBMISSIONS.partitions(), (short) 1).configs(Topic.SUBMISSIONS.config())));
    }

    @Test
    void anotherConsumerReadsTheSameApplicationBackWithExactMoney() throws Exception {
        ApplicationSubmitted sent = EventFixtures.aPhoneOnCredit("app-round-trip");
        publish(sent);

        List<ApplicationSubmitted> received = consume("round-trip-reader", ApplicationSubmitted.class, 1);

        assertThat(received).singleElement().usingRecursiveComparison().isEqualTo(sent);
        assertThat(received.get(0).getCart().getPrice().getTotalPrice()).isEqualByComparingTo("20100.00");
        assertThat(received.get(0).getCart().getPrice().getTotalPrice().scale()).isEqualTo(2);
    }

    @Test
    void recordsUseConfluentWireFormatReadableThroughTheCompatibleApi() throws Exception {
        ApplicationSubmitted sent = EventFixtures.aPhoneOnCredit("app-wire-format");
        publish(sent);

        byte[] value = consumeRaw("wire-format-reader", "app-wire-format");
        ByteBuffer buffer = ByteBuffer.wrap(value);
        byte magic = buffer.get();
        int schemaId = buffer.getInt();
        Schema writerSchema = ConfluentSchemaResolver.resolve(confluentUrl, schemaId);
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writerSchema, writerSchema, decimalAware())
                .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));

        assertThat(magic).isZero();
        assertThat(writerSchema.getFullName()).isEqualTo(ApplicationSubmitted.getClassSchema().getFullName());
        assertThat(decoded.get("orderId").toString()).isEqualTo("ORDER-app-wire-format");
        GenericRecord price = (GenericRecord) ((GenericRecord) decoded.get("cart")).get("price");
        assertThat((BigDecimal) price.get("totalPrice")).isEqualByComparingTo("20100.00");
    }

    @Test
    void aStockConfluentClientFindsTheSchemaAsTheSubjectItsRecordNameStrategyNames() throws Exception {
        publish(EventFixtures.aPhoneOnCredit("app-subject"));
        int schemaId = ByteBuffer.wrap(consumeRaw("subject-reader", "app-subject"), 1, 4).getInt();
        String subject = ApplicationSubmitted.getClassSchema().getFullName();

        JsonNode subjects = ConfluentSchemaResolver.get(confluentUrl + "/subjects");
        JsonNode latest = ConfluentSchemaResolver.get(confluentUrl + "/subjects/" + subject + "/versions/latest");

        assertThat(subjects.toString()).contains("\"" + subject + "\"");
        assertThat(latest.get("id").asInt()).isEqualTo(schemaId);
    }

    private static void publish(ApplicationSubmitted event) throws Exception {
        Map<String, Object> config = new HashMap<>(EventSerde.producerProperties(registryUrl));
        config.put("bootstrap.servers", bootstrapServers);
        config.put("acks", "all");
        try (var producer = new KafkaProducer<String, ApplicationSubmitted>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, event.getMetadata().getApplicationId(), event)).get();
        }
    }

    private static <T> List<T> consume(String group, Class<T> type, int expected) {
        Map<String, Object> config = new HashMap<>(EventSerde.consumerProperties(registryUrl));
        config.putAll(consumerBasics(group));
        List<T> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, Object>(config)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.currentTimeMillis() + 20_000;
            while (received.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals("app-round-trip")) {
                        received.add(type.cast(record.value()));
                    }
                }
            }
        }
        return received;
    }

    private static byte[] consumeRaw(String group, String key) {
        Map<String, Object> config = new HashMap<>(consumerBasics(group));
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(key)) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("no record with key " + key);
    }

    private static Map<String, Object> consumerBasics(String group) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    private static GenericData decimalAware() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new org.apache.avro.Conversions.DecimalConversion());
        return data;
    }
}
