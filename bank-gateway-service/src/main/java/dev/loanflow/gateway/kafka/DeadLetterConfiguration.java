package dev.loanflow.gateway.kafka;


import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;

import dev.loanflow.eventing.DeadLetters;
import dev.loanflow.schemas.StoredEvents;
import dev.loanflow.schemas.sealing.PersonalDataSealer;
import dev.loanflow.gateway.application.NotSettledYet;
import dev.loanflow.gateway.bank.BankUnavailable;

/** A bank outage, or a bank call whose outcome is not settled yet, pauses the requests and is retried until it ends. */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /** Dead letters of the listener and of requests that waited for their bank ({@link BankRequestsInTurn}) alike. */
    @Bean
    DeadLetterPublishingRecoverer bankRequestDeadLetters(KafkaProperties kafka, StoredEvents storedEvents,
                                                         PersonalDataSealer sealer) {
        return DeadLetters.recoverer(kafka, storedEvents, sealer);
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(DeadLetterPublishingRecoverer bankRequestDeadLetters) {
        return DeadLetters.errorHandler(bankRequestDeadLetters, DeadLetterConfiguration::bankOutage);
    }

    static boolean bankOutage(Throwable failure) {
        return failure instanceof BankUnavailable || failure instanceof NotSettledYet;
    }
}
