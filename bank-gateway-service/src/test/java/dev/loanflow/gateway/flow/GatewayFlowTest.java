package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApproved;
import dev.loanflow.events.PreApproved;
import dev.loanflow.gateway.GatewayIntegrationTest;
import dev.loanflow.gateway.GatewayTestSetup;

/** Drives the gateway as origination does, through Kafka, against the real simulator. */
abstract class GatewayFlowTest extends GatewayIntegrationTest {

    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    final OutcomeLog outcomes = OutcomeLog.get();

    @AfterEach
    void healTheBank() {
        simulator("DELETE", "/sandbox/faults", null);
    }

    String preApproved(BankRequests customer) {
        customer.send(customer.preApproval());
        return outcomes.await(customer.applicationId, PreApproved.class, PATIENCE).getPreApprovalReferenceId();
    }

    BankApplicationCreated created(BankRequests customer) {
        customer.send(customer.application(preApproved(customer)));
        return outcomes.await(customer.applicationId, BankApplicationCreated.class, PATIENCE);
    }

    BankApproved approved(BankRequests customer) {
        created(customer);
        return outcomes.await(customer.applicationId, BankApproved.class, PATIENCE);
    }

    void faults(String json) {
        try {
            ObjectNode faults = JSON.createObjectNode().put("latencyMillis", 0).put("latencyJitterMillis", 0)
                    .put("errorRate", 0).put("timeoutRate", 0).put("timeoutMillis", 30_000)
                    .put("lostCallbackRate", 0).put("duplicateCallbackRate", 0);
            faults.setAll((ObjectNode) JSON.readTree(json));
            JsonNode applied = simulator("PUT", "/sandbox/faults", faults.toString());
            faults.fieldNames().forEachRemaining(name -> assertThat(applied.path(name).asDouble())
                    .as("fault %s the simulator accepted", name).isEqualTo(faults.get(name).asDouble()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int applicationsAtTheBank(String orderId) {
        return simulator("GET", "/sandbox/applications?orderId=" + orderId, null).size();
    }

    JsonNode simulator(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(GatewayTestSetup.simulator().baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            String answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return answer.isBlank() ? JSON.nullNode() : JSON.readTree(answer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
