package dev.loanflow.eventing;

import java.time.Clock;
import java.util.UUID;

import dev.loanflow.events.EventMetadata;

/** The one way to make an event's envelope: a fresh id, now, and what it is about or what caused it. */
public final class EventMetadataFactory {

    private final Clock clock;

    public EventMetadataFactory(Clock clock) {
        this.clock = clock;
    }

    /** For an event that answers or follows {@code cause}: same application, merchant and correlation. */
    public EventMetadata causedBy(EventMetadata cause) {
        return about(cause.getApplicationId(), cause.getMerchantId(), cause.getCorrelationId(), cause.getEventId());
    }

    /** For an event about an application; {@code causationId} is the consumed event behind it, or null. */
    public EventMetadata about(String applicationId, String merchantId, String correlationId, String causationId) {
        return new EventMetadata(UUID.randomUUID().toString(), applicationId, merchantId, clock.instant(),
                correlationId, causationId);
    }
}
