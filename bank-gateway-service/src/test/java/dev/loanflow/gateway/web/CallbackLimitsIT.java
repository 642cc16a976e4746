package dev.loanflow.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

import dev.loanflow.gateway.GatewayIntegrationTest;
import dev.loanflow.gateway.application.ReceivingBankCallbacks;
import dev.loanflow.gateway.persistence.CallbackHints;

/** The callback address is open to anyone: it answers 429 beyond its rate, and unknown references cannot fill the table. */
class CallbackLimitsIT extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ReceivingBankCallbacks callbacks;
    @Autowired
    CallbackHints hints;
    @Autowired
    JdbcClient jdbc;

    @Test
    void callbacksBeyondTheRateAreRefusedWith429AndRetryAfter() throws Exception {
        BankCallbackController controller = new BankCallbackController(callbacks, RateLimiterRegistry.of(
                RateLimiterConfig.custom().limitForPeriod(2).limitRefreshPeriod(Duration.ofMinutes(1))
                        .timeoutDuration(Duration.ZERO).build()));

        ResponseEntity<?> first = controller.callback(JSON.readTree("{\"referenceId\":\"" + UUID.randomUUID() + "\"}"));
        ResponseEntity<?> second = controller.callback(JSON.readTree("{\"referenceId\":\"" + UUID.randomUUID() + "\"}"));
        ResponseEntity<?> third = controller.callback(JSON.readTree("{\"referenceId\":\"" + UUID.randomUUID() + "\"}"));

        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(second.getStatusCode().value()).isEqualTo(202);
        assertThat(third.getStatusCode().value()).isEqualTo(429);
        assertThat(third.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(third.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void hintsForUnknownReferencesStopAtTheirBound() {
        jdbc.sql("insert into bank_callback_hint (loan_reference_id) select 'filler-' || g from generate_series(1, ?) g")
                .param(CallbackHints.MOST).update();
        try {
            String unknown = "unknown-" + UUID.randomUUID();
            hints.remember(unknown);

            assertThat(jdbc.sql("select count(*) from bank_callback_hint where loan_reference_id = ?").param(unknown)
                    .query(Integer.class).single()).isZero();
        } finally {
            jdbc.sql("delete from bank_callback_hint where loan_reference_id like 'filler-%'").update();
        }
    }
}
