package dev.loanflow.origination;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.listener.DefaultErrorHandler;

import dev.loanflow.eventing.DeadLetters;
import dev.loanflow.schemas.StoredEvents;
import dev.loanflow.schemas.sealing.PersonalDataSealer;
import dev.loanflow.eventing.EventingConfiguration;
import dev.loanflow.origination.web.SeededDefects;
import dev.loanflow.eventing.PersonalDataConfiguration;
import dev.loanflow.origination.application.SubmissionRules;
import dev.loanflow.origination.lifecycle.LifecycleEngine;

@Configuration(proxyBeanMethods = false)
@Import({EventingConfiguration.class, PersonalDataConfiguration.class})
@EnableConfigurationProperties({OriginationConfiguration.Banks.class, SeededDefects.class})
class OriginationConfiguration {

    /** The terms each contracted bank offers, for validating submissions. */
    @ConfigurationProperties("loanflow.origination")
    record Banks(Map<String, List<Integer>> bankTerms) {
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LifecycleEngine lifecycleEngine() {
        return new LifecycleEngine();
    }

    @Bean
    SubmissionRules submissionRules(Banks banks) {
        return new SubmissionRules(banks.bankTerms());
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaProperties kafka, StoredEvents storedEvents, PersonalDataSealer sealer) {
        return DeadLetters.errorHandler(kafka, storedEvents, sealer, failure -> false);
    }
}
