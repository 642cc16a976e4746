package dev.loanflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.apicurio.registry.serde.avro.AvroSerdeConfig;

import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.PreApproved;

class SchemaInstanceDatumProviderTest {

    private final SchemaInstanceDatumProvider<SpecificRecord> provider = configured();

    @Test
    void buildsOneWriterAndOneReaderPerSchema() {
        ApplicationSubmitted event = EventFixtures.aPhoneOnCredit("app-datum");
        Schema schema = ApplicationSubmitted.getClassSchema();

        assertThat(provider.createDatumWriter(event, schema)).isSameAs(provider.createDatumWriter(event, schema));
        assertThat(provider.createDatumReader(schema)).isSameAs(provider.createDatumReader(schema));
        assertThat(provider.createDatumWriter(event, schema))
                .isNotSameAs(provider.createDatumWriter(event, PreApproved.getClassSchema()));
    }

    @Test
    void recordsWrittenAndReadThroughTheCachedDatumsKeepTheirMoneyExact() throws IOException {
        ApplicationSubmitted event = EventFixtures.aPhoneOnCredit("app-datum");
        Schema schema = ApplicationSubmitted.getClassSchema();

        for (int i = 0; i < 2; i++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            provider.createDatumWriter(event, schema).write(event, encoder);
            encoder.flush();

            SpecificRecord read = provider.createDatumReader(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

            assertThat(read).isInstanceOf(ApplicationSubmitted.class).usingRecursiveComparison().isEqualTo(event);
            assertThat(((ApplicationSubmitted) read).getCart().getItems().get(0).getWithholdingTax()).isEqualTo("0.10");
        }
    }

    private static SchemaInstanceDatumProvider<SpecificRecord> configured() {
        SchemaInstanceDatumProvider<SpecificRecord> provider = new SchemaInstanceDatumProvider<>();
        provider.configure(new AvroSerdeConfig(Map.of("apicurio.registry.use-specific-avro-reader", true)));
        return provider;
    }
}
