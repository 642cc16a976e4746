package dev.loanflow.gateway.kafka;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Origination's requests to the bank, one application's requests in order (key = application id). */
@Component
class BankRequestListener {

    private final BankRequestsInTurn requests;

    BankRequestListener(BankRequestsInTurn requests) {
        this.requests = requests;
    }

    // bank calls wait on the network: by default one consumer per partition of the request topic, each handing the
    // applications of its poll to the bank request threads, so that a slow bank is waited for in parallel rather
    // than one application after another
    @KafkaListener(topics = "#{T(dev.loanflow.schemas.Topic).BANK_REQUESTS.topicName()}",
            concurrency = "${loanflow.kafka.listener-concurrency:#{T(dev.loanflow.schemas.Topic).BANK_REQUESTS.partitions()}}",
            batch = "true")
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        requests.handle(records);
    }
}
