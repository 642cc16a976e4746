package dev.loanflow.origination;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.infra.spring.ServiceIntegrationTest;
import dev.loanflow.infra.testdata.ApplicationBodies;

/**
 * A merchant calling the applications API over HTTP with a real access token for its client (see TestClients),
 * and valid, editable application bodies.
 */
public final class Merchants {

    static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;
    public final String merchantId;

    public Merchants(TestRestTemplate http, String merchantId) {
        this.http = http;
        this.merchantId = merchantId;
    }

    public static Map<String, Object> validApplication() {
        return ApplicationBodies.valid();
    }

    public ResponseEntity<JsonNode> submit(Object body) {
        return submit(body, null);
    }

    public ResponseEntity<JsonNode> submit(Object body, String idempotencyKey) {
        HttpHeaders headers = headers();
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.exchange("/applications", HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    public String submitted() {
        return submit(validApplication()).getBody().get("applicationId").asText();
    }

    public ResponseEntity<JsonNode> get(String applicationId) {
        return http.exchange("/applications/" + applicationId, HttpMethod.GET, new HttpEntity<>(headers()), JsonNode.class);
    }

    public String status(String applicationId) {
        return get(applicationId).getBody().get("status").asText();
    }

    public ResponseEntity<JsonNode> cancel(String applicationId) {
        return http.exchange("/applications/" + applicationId + "/cancel", HttpMethod.POST, new HttpEntity<>(headers()),
                JsonNode.class);
    }

    public ResponseEntity<JsonNode> refund(String applicationId, String amount) {
        return http.exchange("/applications/" + applicationId + "/refunds", HttpMethod.POST,
                new HttpEntity<>(Map.of("amount", new BigDecimal(amount)), headers()), JsonNode.class);
    }

    public ResponseEntity<JsonNode> report(String query) {
        return http.exchange("/applications?" + query, HttpMethod.GET, new HttpEntity<>(headers()), JsonNode.class);
    }

    private HttpHeaders headers() {
        HttpHeaders headers = ServiceIntegrationTest.bearer(merchantId);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

}
