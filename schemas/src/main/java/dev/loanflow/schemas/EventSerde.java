package dev.loanflow.schemas;

import java.util.HashMap;
import java.util.Map;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.strategy.QualifiedRecordIdStrategy;
import io.apicurio.registry.serde.config.SerdeConfig;

/**
 * Kafka client settings for our Avro events: Apicurio's serde writing Confluent's wire format (magic byte 0,
 * 4-byte schema id, Avro binary, no headers), one registry artifact per record type, named by the record's full name
 * in the default group: a topic can carry several event types, and a stock Confluent client finds each schema as the
 * subject its {@code RecordNameStrategy} names. Generated SpecificRecord classes on the reading side.
 */
public final class EventSerde {

    private EventSerde() {
    }

    public static Map<String, Object> producerProperties(String registryUrl) {
        return Map.of(
                SerdeConfig.REGISTRY_URL, registryUrl,
                SerdeConfig.AUTO_REGISTER_ARTIFACT, true,
                SerdeConfig.DEREFERENCE_SCHEMA, true,
                SerdeConfig.ARTIFACT_RESOLVER_STRATEGY, QualifiedRecordIdStrategy.class.getName(),
                AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class.getName(),
                "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName(),
                "value.serializer", AvroKafkaSerializer.class.getName());
    }

    /**
     * As an upstream publisher writes: with the id of the schema the deploy step registered, never registering one (a
     * protected registry refuses it).
     */
    public static Map<String, Object> publisherProperties(String registryUrl) {
        Map<String, Object> properties = new HashMap<>(producerProperties(registryUrl));
        properties.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, false);
        return properties;
    }

    public static Map<String, Object> consumerProperties(String registryUrl) {
        return Map.of(
                SerdeConfig.REGISTRY_URL, registryUrl,
                "apicurio.registry.use-specific-avro-reader", true,
                AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class.getName(),
                "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName(),
                "value.deserializer", AvroKafkaDeserializer.class.getName());
    }
}
