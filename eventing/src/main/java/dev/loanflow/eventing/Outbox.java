package dev.loanflow.eventing;

import org.apache.avro.specific.SpecificRecord;

import dev.loanflow.schemas.Topic;

/**
 * Appends events in the caller's transaction; {@link OutboxRelay} sends them to Kafka after commit, at once in this
 * instance (the commit wakes it up) and at its next poll in any other. The key is the application id.
 */
public interface Outbox {

    void append(Topic topic, String applicationId, SpecificRecord event);
}
