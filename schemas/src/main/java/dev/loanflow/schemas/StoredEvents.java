package dev.loanflow.schemas;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/**
 * Events kept in a table (the outbox, an application's stored events) in the bytes Kafka carries: Confluent's wire
 * format, which names the registry id of the schema each was written with. A row written before a schema change is
 * read with the schema it was written with and resolved to today's class, and the outbox relay sends the bytes as they
 * are. Rows stored before this format begin with 0xFF (a migration marked them) and hold plain
 * Avro binary written with the class of their day, which is still today's.
 */
public final class StoredEvents {

    private static final byte WIRE_FORMAT = 0;
    private static final byte LEGACY_MARK = (byte) 0xFF;
    /** The serde's strategy names artifacts by record, so the topic it is given names nothing. */
    private static final String NO_TOPIC = "stored-events";

    private final AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();
    private final ExplainingAvroDeserializer<SpecificRecord> deserializer = new ExplainingAvroDeserializer<>();

    /** With the services' Kafka client settings, whose {@code apicurio.registry.*} entries configure the serde. */
    public StoredEvents(Map<String, ?> serdeSettings) {
        serializer.configure(serdeSettings, false);
        deserializer.configure(serdeSettings, false);
    }

    public static StoredEvents withRegistry(String registryUrl) {
        Map<String, Object> settings = new HashMap<>(EventSerde.producerProperties(registryUrl));
        settings.putAll(EventSerde.consumerProperties(registryUrl));
        return new StoredEvents(settings);
    }

    public byte[] encode(SpecificRecord event) {
        return serializer.serialize(NO_TOPIC, event);
    }

    public <T extends SpecificRecord> T decode(Class<T> type, byte[] stored) {
        if (stored.length > 0 && stored[0] == LEGACY_MARK) {
            return type.cast(AvroCodec.decode(type.getName(), Arrays.copyOfRange(stored, 1, stored.length)));
        }
        return type.cast(deserializer.deserialize(NO_TOPIC, stored));
    }

    /**
     * The bytes to publish for a stored event: wire-format rows as they are, older rows encoded now.
     *
     * @throws ExplainingAvroDeserializer.UnreadableRecord when the bytes are neither
     */
    public byte[] wire(String eventType, byte[] stored) {
        if (stored.length >= 5 && stored[0] == WIRE_FORMAT) {
            return stored;
        }
        if (stored.length > 0 && stored[0] == LEGACY_MARK) {
            return encode(AvroCodec.decode(eventType, Arrays.copyOfRange(stored, 1, stored.length)));
        }
        throw ExplainingAvroDeserializer.explained(stored, new IllegalArgumentException("not a stored event"));
    }
}
