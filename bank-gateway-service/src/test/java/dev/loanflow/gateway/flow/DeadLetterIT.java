package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.eventing.DeadLetters;
import dev.loanflow.events.PreApproved;
import dev.loanflow.gateway.GatewayTestSetup;
import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.infra.testdata.TestClients;
import dev.loanflow.schemas.Topic;

class DeadLetterIT extends GatewayFlowTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

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

        assertThat(new String(deadLetter.value(), StandardCharsets.ISO_8859_1)).as("kept sealed").doesNotContain("not avro");
        assertThat(new String(DeadLetters.opened(GatewayTestSetup.SEALER, deadLetter), StandardCharsets.UTF_8))
                .isEqualTo("definitely not avro");
        assertThat(header(deadLetter, DeadLetters.CAUSE_HEADER)).isEqualTo("not in Confluent wire format: first byte 0x64");
        assertThat(header(deadLetter, "kafka_dlt-exception-message")).as("messages can quote the record").isNull();
        assertThat(header(deadLetter, "kafka_dlt-exception-stacktrace")).isNull();
        assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(Topic.BANK_REQUESTS.topicName());
        assertThat(outcomes.await(customer.applicationId, PreApproved.class, PATIENCE)).isNotNull();
    }

    @Test
    void anOperatorListsDeadLettersAndReplaysOneOnceItsCauseIsFixedAndASecondReplayChangesNothing() throws Exception {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("41");
        customer.deadLettered(customer.preApproval(), "a rule this gateway no longer breaks");
        String topic = Topic.BANK_REQUESTS.deadLetterTopicName();

        JsonNode letter = null;
        for (JsonNode listed : ops("GET", "/ops/dead-letters?topic=" + topic + "&limit=1000", null)) {
            if (customer.applicationId.equals(listed.get("key").asText())) {
                letter = listed;
            }
        }
        assertThat(letter).as("the dead letter is listed").isNotNull();
        assertThat(letter.get("cause").asText()).isEqualTo("a rule this gateway no longer breaks");
        assertThat(letter.get("originalTopic").asText()).isEqualTo(Topic.BANK_REQUESTS.topicName());
        String replay = JSON.createObjectNode().put("topic", topic).put("partition", letter.get("partition").asInt())
                .set("offsets", JSON.createArrayNode().add(letter.get("offset").asLong())).toString();

        assertThat(ops("POST", "/ops/dead-letters/replay", replay).get("offsets")).hasSize(1);
        assertThat(outcomes.await(customer.applicationId, PreApproved.class, PATIENCE)).isNotNull();
        assertThat(ops("POST", "/ops/dead-letters/replay", replay).get("offsets")).hasSize(1);
        Thread.sleep(3000);

        assertThat(outcomes.of(customer.applicationId, PreApproved.class)).as("outcomes of two replays").hasSize(1);
        assertThat(simulator("GET", "/sandbox/ledger?operation=PRE_ASSESSMENT&orderId=" + customer.bankOrderId(), null))
                .as("pre-assessments at the bank").hasSize(1);
    }

    @Test
    void onlyTheDeadLetterTopicsOfWhatTheGatewayReadsCanBeReplayed() throws Exception {
        HttpResponse<String> refused = HTTP.send(operator("/ops/dead-letters?topic=loan.applications.lifecycle.v1.dlt")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("loan.bank.requests.v1.dlt");
    }

    private static JsonNode ops(String method, String path, String body) throws Exception {
        HttpRequest request = operator(path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpRequest.Builder operator(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + GatewayTestSetup.GATEWAY_PORT + path))
                .header("Authorization", "Bearer " + SharedInfrastructure.authorizationServer().token(TestClients.OPERATOR));
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
