package dev.loanflow.origination.kafka;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.loanflow.eventing.PollTransactions;
import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.origination.application.BankOutcomeHandling;
import dev.loanflow.origination.application.SubmitApplication;

/**
 * Submissions from upstream systems, and the bank's outcomes from the gateway; one application's events in order,
 * a poll's records in one transaction.
 */
@Component
class OriginationListeners {

    private final SubmitApplication submissions;
    private final BankOutcomeHandling outcomes;
    private final PollTransactions polls;

    OriginationListeners(SubmitApplication submissions, BankOutcomeHandling outcomes, PollTransactions polls) {
        this.submissions = submissions;
        this.outcomes = outcomes;
        this.polls = polls;
    }

    @KafkaListener(topics = "#{T(dev.loanflow.schemas.Topic).SUBMISSIONS.topicName()}",
            concurrency = "${loanflow.kafka.listener-concurrency:3}", batch = "true")
    void onSubmissions(List<ConsumerRecord<String, SpecificRecord>> records) {
        polls.eachInOneTransaction(records, record -> {
            if (!(record.value() instanceof ApplicationSubmitted submission)) {
                throw new IllegalArgumentException("unexpected record type " + record.value().getClass().getName());
            }
            submissions.submitFromTopic(submission);
        });
    }

    @KafkaListener(topics = "#{T(dev.loanflow.schemas.Topic).BANK_OUTCOMES.topicName()}",
            concurrency = "${loanflow.kafka.listener-concurrency:3}", batch = "true")
    void onBankOutcomes(List<ConsumerRecord<String, SpecificRecord>> records) {
        polls.eachInOneTransaction(records, record -> {
            SpecificRecord outcome = record.value();
            EventMetadata metadata = (EventMetadata) outcome.get(outcome.getSchema().getField("metadata").pos());
            outcomes.handle(outcome, metadata);
        });
    }
}
