package dev.loanflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.SealedCustomer;

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

    /** Consumers not yet upgraded keep working: every published version reads what the current schema writes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("currentEventSchemas")
    void everyPublishedVersionReadsTheCurrentSchema(Schema current) {
        for (Schema published : SchemaHistory.publishedVersions(current)) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(published, current).getType())
                    .as("%s read by an earlier version", current.getFullName())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void aReaderOfTheVersionBeforeTheNameWasSealedReadsACustomerWithASealedName() throws Exception {
        Schema current = dev.loanflow.events.PreApprovalRequested.getClassSchema();
        Schema first = SchemaHistory.publishedVersions(current).get(0);
        GenericRecord sealed = new GenericData.Record(SealedCustomer.getClassSchema());
        ByteBuffer nothing = ByteBuffer.wrap(new byte[] {1, 2, 3});
        Schema sealedValue = SealedCustomer.getClassSchema().getField("nationalIdentityNumber").schema();
        GenericRecord value = new GenericData.Record(sealedValue);
        value.put("keyId", "k");
        value.put("ciphertext", nothing);
        sealed.put("nationalIdentityNumber", value);
        sealed.put("gsmNumber", value);
        sealed.put("sealedFullName", value);
        sealed.put("language", new GenericData.EnumSymbol(SealedCustomer.getClassSchema().getField("language").schema(), "TR"));

        GenericRecord read = roundTrip(sealed, SealedCustomer.getClassSchema(),
                first.getField("customer").schema());

        assertThat(read.getSchema().getField("sealedFullName")).as("a field the earlier version does not know").isNull();
        assertThat(read.get("fullName")).isNull();
        assertThat(read.get("gsmNumber")).isNotNull();
    }

    private static GenericRecord roundTrip(GenericRecord record, Schema writer, Schema reader) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
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
