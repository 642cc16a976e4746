package dev.loanflow.origination.application;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import dev.loanflow.eventing.Outbox;
import dev.loanflow.schemas.Topic;

/** The outbox as a list of what was appended. */
final class RecordingOutbox implements Outbox {

    record Appended(Topic topic, String applicationId, SpecificRecord event) {
    }

    final List<Appended> appended = new ArrayList<>();

    @Override
    public void append(Topic topic, String applicationId, SpecificRecord event) {
        appended.add(new Appended(topic, applicationId, event));
    }

    <T extends SpecificRecord> List<T> of(Topic topic, Class<T> type) {
        return appended.stream().filter(a -> a.topic() == topic).map(Appended::event).filter(type::isInstance)
                .map(type::cast).toList();
    }
}
