package dev.loanflow.origination.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.infra.testdata.TestData;
import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;
import dev.loanflow.schemas.Topic;

class TracingIT extends OriginationIntegrationTest {

    @Test
    void theTraceOfASubmissionTravelsThroughTheOutboxToTheBankRequest() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(SharedInfrastructure.authorizationServer().token("merchant-j"));
        headers.set("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

        String id = http.exchange("/applications", HttpMethod.POST, new HttpEntity<>(Merchants.validApplication(), headers),
                JsonNode.class).getBody().get("applicationId").asText();

        assertThat(traceparentOfBankRequest(id)).startsWith("00-" + traceId + "-");
    }

    @Test
    void theTraceOfAConsumedSubmissionTravelsThroughTheOutboxToTheBankRequest() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String applicationId = "traced-" + UUID.randomUUID();

        SubmissionProducer.send(applicationId, TestData.nationalId(), "00-" + traceId + "-00f067aa0ba902b7-01");

        assertThat(traceparentOfBankRequest(applicationId)).startsWith("00-" + traceId + "-");
    }

    private static String traceparentOfBankRequest(String applicationId) {
        Map<String, Object> config = new HashMap<>(Map.of(
                "bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(),
                "group.id", "tracing-" + UUID.randomUUID(), "auto.offset.reset", "earliest"));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topic.BANK_REQUESTS.topicName()));
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    Header traceparent = record.headers().lastHeader("traceparent");
                    if (applicationId.equals(record.key()) && traceparent != null) {
                        return new String(traceparent.value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        throw new AssertionError("no traced bank request for " + applicationId);
    }
}
