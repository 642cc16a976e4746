package dev.loanflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;

import dev.loanflow.gateway.bank.BankInteractions;
import dev.loanflow.gateway.bank.BankProperties;
import dev.loanflow.gateway.bank.BankUnavailable;
import dev.loanflow.gateway.bank.PaynKolayClient;

/** Credentials the bank refuses are a configuration error: health DOWN with the reason, requests wait, nothing fails. */
class BankCredentialsIT extends GatewayIntegrationTest {

    @Autowired
    RestClient.Builder builder;
    @Autowired
    ObjectMapper json;
    @Autowired
    BankInteractions interactions;
    @Autowired
    PaynKolayClient configured;

    @Test
    void aRefusedPasswordTurnsHealthDownWithTheReasonAndRequestsWaitAsForAnOutage() {
        BankProperties wrong = new BankProperties(GatewayTestSetup.simulator().baseUrl(), "sandbox", "not-the-password",
                4003, "sandbox-secret", Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30), "http://localhost");
        PaynKolayClient bank = new PaynKolayClient(builder, wrong, json, CircuitBreakerRegistry.ofDefaults(),
                RetryRegistry.ofDefaults(), interactions, Clock.systemUTC());
        GatewayConfiguration configuration = new GatewayConfiguration();

        assertThatThrownBy(() -> bank.startSession("credentials-check", "AKTIFBANK"))
                .isInstanceOf(BankUnavailable.class).hasMessageContaining("refuses our credentials");

        assertThat(bank.credentialsRefusedSince()).isPresent();
        assertThat(configuration.bankCredentialsHealthIndicator(bank).health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(configuration.bankCredentialsHealthIndicator(bank).health().getDetails().get("reason").toString())
                .contains("BANK_PASSWORD");
        assertThat(configuration.bankCredentialsHealthIndicator(configured).health().getStatus()).isEqualTo(Status.UP);
    }
}
