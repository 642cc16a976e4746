package dev.loanflow.origination.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;

import dev.loanflow.infra.AuthorizationServer;
import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.infra.testdata.TestClients;
import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;

/** Tokens from the real authorization server; the scopes decide what a merchant's client may do. */
class SecurityIT extends OriginationIntegrationTest {

    private final AuthorizationServer authorizationServer = SharedInfrastructure.authorizationServer();

    @Autowired
    private MeterRegistry meters;

    @Test
    void aClientThatMayOnlySubmitCanNeitherReadNorRefund() {
        Merchants submitter = new Merchants(http, TestClients.SUBMITTER);

        ResponseEntity<JsonNode> submitted = submitter.submit(Merchants.validApplication());
        String id = submitted.getBody().get("applicationId").asText();

        assertThat(submitted.getStatusCode().value()).isEqualTo(201);
        assertThat(submitter.get(id).getStatusCode().value()).isEqualTo(403);
        assertThat(submitter.refund(id, "1.00").getStatusCode().value()).isEqualTo(403);
        assertThat(submitter.get(id).getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void aClientThatMayOnlyReadCannotSubmitAndNothingIsStored() {
        Merchants reader = new Merchants(http, TestClients.READER);
        Map<String, Object> application = Merchants.validApplication();

        ResponseEntity<JsonNode> refused = reader.submit(application);

        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from loan_application where order_id = ?", Integer.class,
                application.get("orderId"))).isZero();
    }

    @Test
    void requestsAreObservedOnceNotOncePerSecurityFilter() {
        Merchants submitter = new Merchants(http, TestClients.SUBMITTER);

        submitter.submit(Merchants.validApplication());

        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.getMeters()).noneMatch(meter -> meter.getId().getName().startsWith("spring.security."));
    }

    @Test
    void anOperatorTokenDoesNotActForAnyMerchant() {
        ResponseEntity<String> answer = http.exchange("/applications?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
                HttpMethod.GET, new HttpEntity<>(bearer(TestClients.OPERATOR)), String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void tamperedAndForeignTokensAreUnauthorized() {
        String genuine = authorizationServer.token("merchant-k");
        String[] parts = genuine.split("\\.");
        String otherMerchantsPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("merchant-k", "merchant-a").getBytes());
        String tampered = parts[0] + "." + otherMerchantsPayload + "." + parts[2];
        String unsigned = "eyJhbGciOiJub25lIn0." + parts[1] + ".";

        assertThat(submitWith(tampered).getStatusCode().value()).isEqualTo(401);
        assertThat(submitWith(unsigned).getStatusCode().value()).isEqualTo(401);
        assertThat(submitWith("not-a-token").getStatusCode().value()).isEqualTo(401);
        assertThat(submitWith(genuine).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void theAuthorizationServerGrantsNoScopeAClientDoesNotHoldAndNoTokenForAWrongSecret() {
        assertThat(authorizationServer.requestToken(TestClients.READER, TestClients.secret(TestClients.READER), "refund").statusCode())
                .isEqualTo(400);
        assertThat(authorizationServer.requestToken("merchant-a", TestClients.secret("merchant-a"), "admin").statusCode())
                .isEqualTo(400);
        assertThat(authorizationServer.requestToken("merchant-a", "wrong-secret", "submit").statusCode()).isEqualTo(401);
    }

    @Test
    void refundNeedsTheRefundScope() {
        Merchants merchant = new Merchants(http, "merchant-k");
        String id = merchant.submitted();
        HttpHeaders readOnly = new HttpHeaders();
        readOnly.setBearerAuth(authorizationServer.token("merchant-k", "read"));

        ResponseEntity<String> refused = http.exchange("/applications/" + id + "/refunds", HttpMethod.POST,
                new HttpEntity<>(Map.of("amount", new BigDecimal("1.00")), readOnly), String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getHeaders().getFirst("WWW-Authenticate")).contains("insufficient_scope");
    }

    private ResponseEntity<String> submitWith(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange("/applications", HttpMethod.POST, new HttpEntity<>(Merchants.validApplication(), headers),
                String.class);
    }
}
