package dev.loanflow.gateway;

import java.time.Clock;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import org.springframework.web.client.RestClient;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;

import dev.loanflow.eventing.EventingConfiguration;
import dev.loanflow.eventing.PersonalDataConfiguration;
import dev.loanflow.gateway.application.SeededDefects;
import dev.loanflow.gateway.bank.BankInteractions;
import dev.loanflow.gateway.bank.BankProperties;
import dev.loanflow.gateway.bank.PaynKolayClient;
import dev.loanflow.gateway.persistence.Refunds;

@Configuration(proxyBeanMethods = false)
@Import({EventingConfiguration.class, PersonalDataConfiguration.class})
@EnableConfigurationProperties({BankProperties.class, SeededDefects.class})
@EnableScheduling
@EnableCaching
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PaynKolayClient paynKolayClient(RestClient.Builder builder, BankProperties properties, ObjectMapper json,
                                    CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
                                    BankInteractions interactions, Clock clock) {
        return new PaynKolayClient(builder, properties, json, circuitBreakers, retries, interactions, clock);
    }

    /** DOWN while the bank refuses our credentials: a configuration error no retry can mend. */
    @Bean
    HealthIndicator bankCredentialsHealthIndicator(PaynKolayClient bank) {
        return () -> bank.credentialsRefusedSince()
                .map(since -> Health.down().withDetail("reason", "the bank refuses our credentials; check BANK_USERNAME, "
                        + "BANK_PASSWORD, BANK_MERCHANT_NO and BANK_API_SECRET_KEY").withDetail("since", since).build())
                .orElseGet(() -> Health.up().build());
    }

    /** 1 while the bank refuses our credentials, for an alert. */
    @Bean
    MeterBinder bankCredentialsRefused(PaynKolayClient bank) {
        return registry -> Gauge.builder("loanflow.bank.credentials.refused",
                        () -> bank.credentialsRefusedSince().isPresent() ? 1 : 0)
                .description("1 while the bank refuses the gateway's credentials").register(registry);
    }

    /** Refunds whose answer was lost and that the bank never showed: each waits for an operator; it should be zero. */
    @Bean
    MeterBinder uncertainRefunds(Refunds refunds) {
        return registry -> Gauge.builder("loanflow.refunds.uncertain", refunds::countUncertain)
                .description("refunds the bank could not account for, waiting for an operator").register(registry);
    }
}
