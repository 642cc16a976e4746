package dev.loanflow.eventing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.loanflow.events.EventMetadata;
import dev.loanflow.schemas.Topic;

/**
 * Hands each record of a topic to the handler of its type. Built from the topic catalogue: a topic's record type
 * without a handler, or a handler for a type the topic does not carry, fails at start-up, not at the first record.
 */
public final class RecordDispatch {

    private final Topic topic;
    private final Map<Class<?>, BiConsumer<SpecificRecord, String>> handlers;

    private RecordDispatch(Topic topic, Map<Class<?>, BiConsumer<SpecificRecord, String>> handlers) {
        this.topic = topic;
        this.handlers = Map.copyOf(handlers);
    }

    public static Builder of(Topic topic) {
        return new Builder(topic);
    }

    public void dispatch(SpecificRecord record) {
        dispatch(record, topic.topicName());
    }

    /** For a topic of a family (each publisher's submissions), whose handlers need to know which one it came from. */
    public void dispatch(ConsumerRecord<?, ? extends SpecificRecord> record) {
        dispatch(record.value(), record.topic());
    }

    private void dispatch(SpecificRecord record, String topicName) {
        BiConsumer<SpecificRecord, String> handler = handlers.get(record.getClass());
        if (handler == null) {
            throw new UnexpectedRecordType(topic, record.getClass());
        }
        handler.accept(record, topicName);
    }

    /** Every record type of the catalogue carries its envelope in the field {@code metadata}. */
    public static EventMetadata metadataOf(SpecificRecord record) {
        return (EventMetadata) record.get(record.getSchema().getField("metadata").pos());
    }

    public static final class Builder {

        private final Topic topic;
        private final Map<Class<?>, BiConsumer<SpecificRecord, String>> handlers = new HashMap<>();

        private Builder(Topic topic) {
            this.topic = topic;
        }

        public <T extends SpecificRecord> Builder on(Class<T> type, Consumer<? super T> handler) {
            return onFromTopic(type, (record, topicName) -> handler.accept(record));
        }

        /** For handlers that need the name of the topic the record came from. */
        public <T extends SpecificRecord> Builder onFromTopic(Class<T> type, BiConsumer<? super T, String> handler) {
            if (!topic.recordTypes().contains(type)) {
                throw new IllegalStateException(topic.topicName() + " carries no " + type.getSimpleName());
            }
            handlers.put(type, (record, topicName) -> handler.accept(type.cast(record), topicName));
            return this;
        }

        /** For handlers that also need the record's envelope. */
        public <T extends SpecificRecord> Builder onWithMetadata(Class<T> type, BiConsumer<? super T, EventMetadata> handler) {
            return on(type, (Consumer<T>) record -> handler.accept(record, metadataOf(record)));
        }

        public RecordDispatch build() {
            Set<String> unhandled = topic.recordTypes().stream().filter(type -> !handlers.containsKey(type))
                    .map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
            if (!unhandled.isEmpty()) {
                throw new IllegalStateException("no handler for " + unhandled + " on " + topic.topicName());
            }
            return new RecordDispatch(topic, handlers);
        }
    }

    /** A record type the topic does not carry; the record goes to the dead-letter topic. */
    public static final class UnexpectedRecordType extends RuntimeException {

        UnexpectedRecordType(Topic topic, Class<?> type) {
            super("unexpected record type on " + topic.topicName() + ": " + type.getName());
        }
    }
}
