package dev.loanflow.origination.kafka;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.loanflow.eventing.PollTransactions;
import dev.loanflow.eventing.RecordDispatch;
import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.origination.application.HandlingBankOutcomes;
import dev.loanflow.origination.application.SubmittingApplication;
import dev.loanflow.origination.lifecycle.BankOutcomePolicy;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;

/**
 * Submissions from upstream systems (each on its own topic), and the bank's outcomes from the gateway; one application's events in order,
 * a poll's records in one transaction.
 */
@Component
class OriginationListeners {

    private final RecordDispatch submissions;
    private final RecordDispatch outcomes;
    private final PollTransactions polls;

    OriginationListeners(SubmittingApplication submitting, HandlingBankOutcomes handling, PollTransactions polls,
                         UpstreamPublishers publishers) {
        this.submissions = RecordDispatch.of(Topic.SUBMISSIONS)
                .onFromTopic(ApplicationSubmitted.class, (submission, topic) -> submitting.submitFromTopic(
                        publishers.publisherOf(topic).orElseThrow(), submission))
                .build();
        RecordDispatch.Builder outcomes = RecordDispatch.of(Topic.BANK_OUTCOMES);
        BankOutcomePolicy.RULES.forEach(rule -> outcomes.onWithMetadata(rule.outcome(), handling::handle));
        this.outcomes = outcomes.build();
        this.polls = polls;
    }

    /** Each upstream publisher's own topic: the topic tells who sent a submission. */
    @KafkaListener(topics = "#{@upstreamPublishers.topicNames()}",
            concurrency = "${loanflow.kafka.listener-concurrency:3}", batch = "true")
    void onSubmissions(List<ConsumerRecord<String, SpecificRecord>> records) {
        polls.eachInOneTransaction(records, submissions::dispatch);
    }

    @KafkaListener(topics = "#{T(dev.loanflow.schemas.Topic).BANK_OUTCOMES.topicName()}",
            concurrency = "${loanflow.kafka.listener-concurrency:3}", batch = "true")
    void onBankOutcomes(List<ConsumerRecord<String, SpecificRecord>> records) {
        polls.eachInOneTransaction(records, record -> outcomes.dispatch(record.value()));
    }
}
