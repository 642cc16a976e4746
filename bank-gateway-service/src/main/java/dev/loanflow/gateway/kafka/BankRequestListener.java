package dev.loanflow.gateway.kafka;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.loanflow.eventing.ConcurrentKeys;
import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.RefundRequested;
import dev.loanflow.gateway.application.BankApplicationSubmission;
import dev.loanflow.gateway.application.PreApprovalProcessing;
import dev.loanflow.gateway.application.RefundProcessing;
import dev.loanflow.gateway.bank.BankInteractions;

/** Origination's requests to the bank, one application's requests in order (key = application id). */
@Component
class BankRequestListener {

    private final PreApprovalProcessing preApprovals;
    private final BankApplicationSubmission submissions;
    private final RefundProcessing refunds;
    private final BankInteractions interactions;
    private final ConcurrentKeys keys;

    BankRequestListener(PreApprovalProcessing preApprovals, BankApplicationSubmission submissions,
                        RefundProcessing refunds, BankInteractions interactions, ConcurrentKeys bankRequestKeys) {
        this.preApprovals = preApprovals;
        this.submissions = submissions;
        this.refunds = refunds;
        this.interactions = interactions;
        this.keys = bankRequestKeys;
    }

    // bank calls wait on the network: by default one consumer per partition of the request topic, each handing the
    // applications of its poll to the bank request threads, so that a slow bank is waited for in parallel rather
    // than one application after another
    @KafkaListener(topics = "#{T(dev.loanflow.schemas.Topic).BANK_REQUESTS.topicName()}",
            concurrency = "${loanflow.kafka.listener-concurrency:#{T(dev.loanflow.schemas.Topic).BANK_REQUESTS.partitions()}}",
            batch = "true")
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        keys.handle(records, record -> interactions.recordTogether(() -> handle(record.value())));
    }

    private void handle(SpecificRecord request) {
        if (request instanceof PreApprovalRequested preApproval) {
            preApprovals.handle(preApproval);
        } else if (request instanceof BankApplicationRequested application) {
            submissions.handle(application);
        } else if (request instanceof RefundRequested refund) {
            refunds.handle(refund);
        } else {
            throw new UnexpectedEventType(request.getClass().getName());
        }
    }

    /** A record type this topic does not carry; it goes to the dead-letter topic. */
    static final class UnexpectedEventType extends RuntimeException {

        UnexpectedEventType(String type) {
            super("unexpected event type on the bank requests topic: " + type);
        }
    }
}
