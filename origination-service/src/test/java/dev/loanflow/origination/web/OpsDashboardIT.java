package dev.loanflow.origination.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.infra.testdata.TestClients;
import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;

class OpsDashboardIT extends OriginationIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void streamPushesCountsThatFollowNewApplications() throws Exception {
        Merchants merchant = new Merchants(http, "merchant-i");
        HttpRequest stream = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ops/stream"))
                .header("Authorization", "Bearer " + SharedInfrastructure.authorizationServer().token(TestClients.OPERATOR)).build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(stream, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            long before = nextSummary(events).get("total").asLong();
            String id = merchant.submitted();

            JsonNode after = nextSummary(events);
            for (int i = 0; i < 5 && after.get("total").asLong() == before; i++) {
                after = nextSummary(events);
            }

            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(after.get("total").asLong()).isEqualTo(before + 1);
            assertThat(after.get("recent").findValuesAsText("applicationId")).contains(id);
            assertThat(after.get("byStatus").has("APPROVED")).isTrue();
        }
    }

    @Test
    void timelineShowsAnApplicationsTransitions() {
        String id = new Merchants(http, "merchant-i").submitted();

        JsonNode timeline = getAsOperator("/ops/applications/" + id + "/timeline", JsonNode.class).getBody();

        assertThat(timeline.findValuesAsText("to")).containsExactly("NEW");
        assertThat(getAsOperator("/ops/applications/nope/timeline", String.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void dashboardPageIsServed() {
        String page = http.getForObject("/ops/index.html", String.class);

        assertThat(page).contains("fetch('/ops/stream'").contains("Applications by state")
                .contains("fetch('/ops/bank-agreement'").contains("Agreement with the bank")
                .contains("fetch('/ops/attention'").contains("Waiting for an operator");
    }

    @Test
    void whatWaitsForAnOperatorListsParkedEventsAndTheDeadLettersOfEveryTopicOriginationReads() {
        String parked = "parked-" + UUID.randomUUID();
        jdbc.update("insert into outbox (application_id, topic, event_type, payload, attempts, last_error, parked_at) "
                + "values (?, 'loan.lifecycle', 'ApplicationTimedOut', '\\x00', 5, 'refused', now())", parked);
        try {
            JsonNode attention = getAsOperator("/ops/attention", JsonNode.class).getBody();

            assertThat(attention.get("parkedEvents").findValuesAsText("applicationId")).contains(parked);
            assertThat(attention.get("deadLetters").fieldNames()).toIterable()
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(Topic.values())
                            .filter(topic -> topic.readers().contains("origination-service"))
                            .flatMap(topic -> topic.topicNames(UpstreamPublishers.parse(PUBLISHERS)).stream())
                            .map(topic -> topic + Topic.DEAD_LETTER_SUFFIX).toList());
            assertThat(http.getForEntity("/ops/attention", String.class).getStatusCode().value()).isEqualTo(401);
        } finally {
            jdbc.update("delete from outbox where application_id = ?", parked);
        }
    }

    @Test
    void theAgreementWithTheBankNeedsTheAdminScopeAndSaysWhenTheGatewayCannotBeRead() {
        ResponseEntity<JsonNode> operator = getAsOperator("/ops/bank-agreement", JsonNode.class);
        ResponseEntity<String> merchant = http.exchange("/ops/bank-agreement", HttpMethod.GET,
                new HttpEntity<>(bearer("merchant-i")), String.class);

        assertThat(operator.getStatusCode().value()).isEqualTo(200);
        assertThat(operator.getBody().get("unavailable").asText()).isNotBlank();
        assertThat(merchant.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void anAdminTokenMeantForAnotherServiceIsRefused() {
        ResponseEntity<String> refused = http.exchange("/ops/summary", HttpMethod.GET,
                new HttpEntity<>(bearer(TestClients.GATEWAY_OPERATOR)), String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(401);
        assertThat(getAsOperator("/ops/summary", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void opsDataNeedsTheAdminScopeEvenForAMerchantsOwnApplication() {
        String id = new Merchants(http, "merchant-i").submitted();

        ResponseEntity<String> anonymous = http.getForEntity("/ops/summary", String.class);
        ResponseEntity<String> merchant = http.exchange("/ops/applications/" + id + "/timeline", HttpMethod.GET,
                new HttpEntity<>(bearer("merchant-i")), String.class);

        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(merchant.getStatusCode().value()).isEqualTo(403);
        assertThat(getAsOperator("/ops/summary", String.class).getStatusCode().value()).isEqualTo(200);
    }

    private static JsonNode nextSummary(BufferedReader events) throws Exception {
        long deadline = System.currentTimeMillis() + Duration.ofSeconds(10).toMillis();
        String line;
        while ((line = events.readLine()) != null && System.currentTimeMillis() < deadline) {
            if (line.startsWith("data:")) {
                return new ObjectMapper().readTree(line.substring(5));
            }
        }
        throw new AssertionError("no summary event");
    }
}
