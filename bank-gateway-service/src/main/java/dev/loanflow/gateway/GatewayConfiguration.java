package dev.loanflow.gateway;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;

import dev.loanflow.eventing.EventingConfiguration;
import dev.loanflow.gateway.bank.BankInteractions;
import dev.loanflow.gateway.bank.BankProperties;
import dev.loanflow.gateway.bank.PaynKolayClient;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

@Configuration(proxyBeanMethods = false)
@Import(EventingConfiguration.class)
@EnableConfigurationProperties({BankProperties.class, GatewayConfiguration.PersonalDataKeys.class})
@EnableScheduling
@EnableCaching
class GatewayConfiguration {

    /** AES-256 keys (base64) by key id; the active one seals, all of them open. */
    @ConfigurationProperties("loanflow.personal-data")
    record PersonalDataKeys(String activeKeyId, Map<String, String> keys) {
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PersonalDataSealer personalDataSealer(PersonalDataKeys keys) {
        if (keys.keys() == null || keys.keys().isEmpty()) {
            throw new IllegalStateException("no personal-data key configured: set PERSONAL_DATA_ACTIVE_KEY_ID and "
                    + "LOANFLOW_PERSONALDATA_KEYS_<ID> (base64 of 32 random bytes)");
        }
        return PersonalDataSealer.withBase64Keys(keys.activeKeyId(), keys.keys());
    }

    @Bean
    PaynKolayClient paynKolayClient(BankProperties properties, ObjectMapper json, CircuitBreakerRegistry circuitBreakers,
                                    RetryRegistry retries, BankInteractions interactions, Clock clock) {
        return new PaynKolayClient(properties, json, circuitBreakers, retries, interactions, clock);
    }
}
