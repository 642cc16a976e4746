package dev.loanflow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SharedInfrastructureIT {

    @Test
    void kafkaBrokerAcknowledgesAndDeliversRecords() throws Exception {
        SharedBroker kafka = SharedInfrastructure.kafka();
        kafka.createTopics(List.of(new NewTopic("infra-smoke", 1, (short) 1)));
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("infra-smoke", "application-1", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "infra-smoke",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infra-smoke"));
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(10));
            assertThat(records).extracting(r -> r.key() + "=" + r.value()).containsExactly("application-1=hello");
        }
    }

    @Test
    void postgresAnswersQueries() throws Exception {
        try (Connection connection = DriverManager.getConnection(SharedInfrastructure.postgres().jdbcUrl(),
                PostgresServer.USER, PostgresServer.PASSWORD);
             ResultSet result = connection.createStatement().executeQuery("select 40 + 2")) {
            result.next();
            assertThat(result.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void schemaRegistryServesTheConfluentApiWithBackwardCompatibility() throws Exception {
        SchemaRegistryServer registry = SharedInfrastructure.schemaRegistry();
        HttpResponse<String> rule = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(registry.registryApiUrl() + "/admin/rules/COMPATIBILITY")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(registry.confluentApiUrl() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(rule.body()).contains("\"config\":\"BACKWARD\"");
        assertThat(subjects.statusCode()).isEqualTo(200);
    }
}
