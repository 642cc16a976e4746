package dev.loanflow.gateway;

import java.time.Clock;

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

    /** Refunds whose answer was lost and that the bank never showed: each waits for an operator; it should be zero. */
    @Bean
    MeterBinder uncertainRefunds(Refunds refunds) {
        return registry -> Gauge.builder("loanflow.refunds.uncertain", refunds::countUncertain)
                .description("refunds the bank could not account for, waiting for an operator").register(registry);
    }
}
