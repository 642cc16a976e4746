package dev.loanflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import org.junit.jupiter.api.Test;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.SerdeConfig;

import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.infra.SharedInfrastructure;

/** The deploy step registers every schema of the catalogue as the subject a Confluent client names, once. */
class SchemaDeploymentIT {

    @Test
    void everyEventSchemaIsASubjectNamedByItsRecordAndRegisteringAgainChangesNothing() throws Exception {
        String confluentUrl = SharedInfrastructure.schemaRegistry().confluentApiUrl();

        Map<String, Integer> first = SchemaDeployment.registerAll(confluentUrl);
        Map<String, Integer> again = SchemaDeployment.registerAll(confluentUrl);

        assertThat(first).containsKey("dev.loanflow.events.ApplicationSubmitted")
                .hasSize((int) Arrays.stream(Topic.values()).flatMap(topic -> topic.recordTypes().stream()).distinct().count());
        assertThat(again).isEqualTo(first);
        String subjects = ConfluentSchemaResolver.get(confluentUrl + "/subjects").toString();
        first.keySet().forEach(subject -> assertThat(subjects).contains("\"" + subject + "\""));
        assertThat(ConfluentSchemaResolver.resolve(confluentUrl, first.get("dev.loanflow.events.ApplicationSubmitted")))
                .isEqualTo(ApplicationSubmitted.getClassSchema());
    }

    @Test
    void aServiceThatNeverRegistersWritesWithTheDeployedSchemasId() {
        String registry = SharedInfrastructure.schemaRegistry().registryApiUrl();
        int deployed = SchemaDeployment.registerAll(SharedInfrastructure.schemaRegistry().confluentApiUrl())
                .get(ApplicationSubmitted.getClassSchema().getFullName());
        Map<String, Object> settings = new HashMap<>(EventSerde.producerProperties(registry));
        settings.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, false);

        try (AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>()) {
            serializer.configure(settings, false);
            byte[] written = serializer.serialize("any", EventFixtures.aPhoneOnCredit("app-deployed"));

            assertThat(ByteBuffer.wrap(written, 1, 4).getInt()).isEqualTo(deployed);
        }
    }
}
