package dev.loanflow.gateway.application;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

import dev.loanflow.eventing.EventMetadataFactory;
import dev.loanflow.eventing.Outbox;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.gateway.bank.BankInteractions;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.schemas.Topic;

/** Publishes what the bank said: puts it in the outbox, keyed by application id, with the bank calls that led to it. */
@Component
class OutcomePublisher {

    private final Outbox outbox;
    private final BankInteractions interactions;
    private final EventMetadataFactory metadata;

    OutcomePublisher(Outbox outbox, BankInteractions interactions, EventMetadataFactory metadata) {
        this.outbox = outbox;
        this.interactions = interactions;
        this.metadata = metadata;
    }

    EventMetadata causedBy(EventMetadata cause) {
        return metadata.causedBy(cause);
    }

    EventMetadata about(BankApplicationRecord application) {
        return metadata.about(application.applicationId(), application.merchantId(), application.correlationId(), null);
    }

    /** In the transaction that records the outcome. */
    void publish(String applicationId, SpecificRecord outcome) {
        interactions.writeWithCurrentTransaction();
        outbox.append(Topic.BANK_OUTCOMES, applicationId, outcome);
    }
}
