package dev.loanflow.gateway.application;

import java.time.Clock;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

import dev.loanflow.events.EventMetadata;
import dev.loanflow.eventing.Outbox;
import dev.loanflow.gateway.bank.BankInteractions;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.schemas.Topic;

/** Builds the envelope of what the bank said and puts it in the outbox, keyed by application id. */
@Component
class Outcomes {

    private final Outbox outbox;
    private final BankInteractions interactions;
    private final Clock clock;

    Outcomes(Outbox outbox, BankInteractions interactions, Clock clock) {
        this.outbox = outbox;
        this.interactions = interactions;
        this.clock = clock;
    }

    EventMetadata causedBy(EventMetadata cause) {
        return new EventMetadata(UUID.randomUUID().toString(), cause.getApplicationId(), cause.getMerchantId(),
                clock.instant(), cause.getCorrelationId(), cause.getEventId());
    }

    EventMetadata about(BankApplicationRecord application) {
        return new EventMetadata(UUID.randomUUID().toString(), application.applicationId(), application.merchantId(),
                clock.instant(), application.correlationId(), null);
    }

    /** In the transaction that records the outcome, with the bank calls that led to it. */
    void publish(String applicationId, SpecificRecord outcome) {
        interactions.writeWithCurrentTransaction();
        outbox.append(Topic.BANK_OUTCOMES, applicationId, outcome);
    }
}
