package dev.loanflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.loanflow.events.ApplicationSubmitted;

/**
 * Every published version of every event schema stays readable by the current schema (BACKWARD).
 * Run with {@code -Dschemas.publish=true} to record changed schemas as their next version.
 */
class SchemaCompatibilityTest {

    static Stream<Schema> currentEventSchemas() {
        return Arrays.stream(Topic.values())
                .flatMap(topic -> topic.recordTypes().stream())
                .distinct()
                .map(type -> SpecificData.get().getSchema(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentEventSchemas")
    void currentSchemaReadsEveryPublishedVersion(Schema current) {
        if (Boolean.getBoolean("schemas.publish")) {
            SchemaHistory.publishIfChanged(current);
        }
        List<Schema> published = SchemaHistory.publishedVersions(current);

        assertThat(published).as("published versions of %s (run with -Dschemas.publish=true to publish)",
                current.getFullName()).isNotEmpty();
        assertThat(BackwardCompatibility.violation(current, published)).isNull();
    }

    @Test
    void addingARequiredFieldWithoutDefaultIsIncompatible() {
        Schema published = ApplicationSubmitted.getClassSchema();
        Schema changed = withExtraField(published, "{\"name\":\"channel\",\"type\":\"string\"}");

        assertThat(BackwardCompatibility.violation(changed, List.of(published))).contains("channel");
    }

    @Test
    void changingAFieldTypeIsIncompatible() {
        Schema published = ApplicationSubmitted.getClassSchema();
        Schema changed = new Schema.Parser().parse(published.toString().replace(
                "{\"name\":\"term\",\"type\":\"int\"", "{\"name\":\"term\",\"type\":\"string\""));

        assertThat(BackwardCompatibility.violation(changed, List.of(published))).isNotNull();
    }

    @Test
    void addingAnOptionalFieldWithDefaultStaysCompatible() {
        Schema published = ApplicationSubmitted.getClassSchema();
        Schema changed = withExtraField(published, "{\"name\":\"channel\",\"type\":[\"null\",\"string\"],\"default\":null}");

        assertThat(BackwardCompatibility.violation(changed, List.of(published))).isNull();
    }

    private static Schema withExtraField(Schema schema, String fieldJson) {
        String json = schema.toString();
        int lastFieldsEnd = json.lastIndexOf("]}");
        return new Schema.Parser().parse(json.substring(0, lastFieldsEnd) + "," + fieldJson + json.substring(lastFieldsEnd));
    }
}
