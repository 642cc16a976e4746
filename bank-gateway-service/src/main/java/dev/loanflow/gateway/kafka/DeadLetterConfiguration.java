package dev.loanflow.gateway.kafka;


import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

import dev.loanflow.eventing.DeadLetters;
import dev.loanflow.gateway.application.NotSettledYet;
import dev.loanflow.gateway.bank.BankUnavailable;

/** A bank outage, or a bank call whose outcome is not settled yet, pauses the requests and is retried until it ends. */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> avroTemplate, KafkaProperties kafka) {
        return DeadLetters.errorHandler(avroTemplate, kafka,
                failure -> failure instanceof BankUnavailable || failure instanceof NotSettledYet);
    }
}
