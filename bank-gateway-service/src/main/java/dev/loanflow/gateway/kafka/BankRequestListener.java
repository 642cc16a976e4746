package dev.loanflow.gateway.kafka;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.loanflow.eventing.ConcurrentKeys;
import dev.loanflow.eventing.RecordDispatch;
import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.RefundRequested;
import dev.loanflow.gateway.application.SubmittingBankApplication;
import dev.loanflow.gateway.application.AssessingPreApproval;
import dev.loanflow.gateway.application.RefundingAtBank;
import dev.loanflow.gateway.bank.BankInteractions;
import dev.loanflow.schemas.Topic;

/** Origination's requests to the bank, one application's requests in order (key = application id). */
@Component
class BankRequestListener {

    private final RecordDispatch requests;
    private final BankInteractions interactions;
    private final ConcurrentKeys keys;

    BankRequestListener(AssessingPreApproval preApprovals, SubmittingBankApplication submissions,
                        RefundingAtBank refunds, BankInteractions interactions, ConcurrentKeys bankRequestKeys) {
        this.requests = RecordDispatch.of(Topic.BANK_REQUESTS)
                .on(PreApprovalRequested.class, preApprovals::handle)
                .on(BankApplicationRequested.class, submissions::handle)
                .on(RefundRequested.class, refunds::handle)
                .build();
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
        keys.handle(records, record -> interactions.recordTogether(() -> requests.dispatch(record.value())));
    }
}
