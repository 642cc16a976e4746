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

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;

class OpsDashboardIT extends OriginationIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void streamPushesCountsThatFollowNewApplications() throws Exception {
        Merchants merchant = new Merchants(http, "merchant-ops");
        HttpRequest stream = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ops/stream")).build();
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
        String id = new Merchants(http, "merchant-ops").submitted();

        JsonNode timeline = http.getForObject("/ops/applications/" + id + "/timeline", JsonNode.class);

        assertThat(timeline.findValuesAsText("to")).containsExactly("NEW");
        assertThat(http.getForEntity("/ops/applications/nope/timeline", String.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void dashboardPageIsServed() {
        String page = http.getForObject("/ops/index.html", String.class);

        assertThat(page).contains("new EventSource('/ops/stream')").contains("Applications by state");
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
