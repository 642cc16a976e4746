package dev.loanflow.origination.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.origination.application.BankOutcomeHandling;
import dev.loanflow.origination.application.SubmitApplication;

/** Submissions from upstream systems, and the bank's outcomes from the gateway; one application's events in order. */
@Component
class OriginationListeners {

    private final SubmitApplication submissions;
    private final BankOutcomeHandling outcomes;

    OriginationListeners(SubmitApplication submissions, BankOutcomeHandling outcomes) {
        this.submissions = submissions;
        this.outcomes = outcomes;
    }

    @KafkaListener(topics = "#{T(dev.loanflow.schemas.Topic).SUBMISSIONS.topicName()}",
            concurrency = "${loanflow.kafka.listener-concurrency:3}")
    void onSubmission(ConsumerRecord<String, SpecificRecord> record) {
        try (MDC.MDCCloseable context = MDC.putCloseable("applicationId", record.key())) {
            if (!(record.value() instanceof ApplicationSubmitted submission)) {
                throw new IllegalArgumentException("unexpected record type " + record.value().getClass().getName());
            }
            submissions.submitFromTopic(submission);
        }
    }

    @KafkaListener(topics = "#{T(dev.loanflow.schemas.Topic).BANK_OUTCOMES.topicName()}",
            concurrency = "${loanflow.kafka.listener-concurrency:3}")
    void onBankOutcome(ConsumerRecord<String, SpecificRecord> record) {
        try (MDC.MDCCloseable context = MDC.putCloseable("applicationId", record.key())) {
            SpecificRecord outcome = record.value();
            EventMetadata metadata = (EventMetadata) outcome.get(outcome.getSchema().getField("metadata").pos());
            outcomes.handle(outcome, metadata);
        }
    }
}
