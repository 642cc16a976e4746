package dev.loanflow.gateway.kafka;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

import dev.loanflow.eventing.DeadLetters;
import dev.loanflow.gateway.application.NotSettledYet;
import dev.loanflow.gateway.bank.BankUnavailable;

/**
 * Bank outages, and bank calls whose outcome is not settled yet, are retried for up to
 * {@code loanflow.kafka.bank-outage-retry-for} before a request is dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> avroTemplate, KafkaProperties kafka,
                                          @Value("${loanflow.kafka.bank-outage-retry-for:10m}") Duration bankOutage) {
        return DeadLetters.errorHandler(avroTemplate, kafka,
                failure -> failure instanceof BankUnavailable || failure instanceof NotSettledYet, bankOutage);
    }
}
