package dev.loanflow.origination.ops;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * How far our money agrees with the bank's, as the bank gateway knows it: its last comparison with the bank's report
 * and the refunds the bank could not account for, which wait for an operator. Read from the gateway's ops API with
 * the operator's own token, so the dashboard shows nothing the operator could not read there.
 */
@Component
class BankAgreement {

    record Reconciliation(Instant finishedAt, int compared, int decisionsCorrected, int refundDifferences,
                          int unknownLoans, boolean complete) {
    }

    record UncertainRefund(String refundId, String applicationId, BigDecimal amount, Instant claimedAt) {
    }

    /** @param unavailable why the gateway could not be read, or null */
    record View(Reconciliation lastReconciliation, List<UncertainRefund> uncertainRefunds, String unavailable) {

        static View unavailable(String why) {
            return new View(null, List.of(), why);
        }
    }

    private final RestClient gateway;
    private final boolean configured;

    BankAgreement(@Value("${loanflow.ops.gateway-url:}") String gatewayUrl) {
        this.configured = !gatewayUrl.isBlank();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build());
        requests.setReadTimeout(Duration.ofSeconds(3));
        this.gateway = RestClient.builder().baseUrl(configured ? gatewayUrl : "http://gateway.invalid")
                .requestFactory(requests).build();
    }

    View read(String operatorAuthorization) {
        if (!configured) {
            return View.unavailable("the gateway's address is not configured (loanflow.ops.gateway-url)");
        }
        try {
            Reconciliation last = gateway.get().uri("/ops/reconciliation")
                    .header(HttpHeaders.AUTHORIZATION, operatorAuthorization).retrieve().body(Reconciliation.class);
            List<UncertainRefund> uncertain = gateway.get().uri("/ops/refunds/uncertain")
                    .header(HttpHeaders.AUTHORIZATION, operatorAuthorization).retrieve()
                    .body(new ParameterizedTypeReference<List<UncertainRefund>>() { });
            return new View(last, uncertain == null ? List.of() : uncertain, null);
        } catch (RestClientException unreachable) {
            return View.unavailable("the bank gateway did not answer: " + unreachable.getMessage());
        }
    }
}
