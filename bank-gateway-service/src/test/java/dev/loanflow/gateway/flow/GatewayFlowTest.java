package dev.loanflow.gateway.flow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
        simulator("PUT", "/sandbox/faults", "{\"latencyMillis\":0,\"latencyJitterMillis\":0,\"errorRate\":0,"
                + "\"timeoutRate\":0,\"timeoutMillis\":30000,\"lostCallbackRate\":0,\"duplicateCallbackRate\":0,"
                + json.substring(1));
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
