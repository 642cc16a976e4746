package dev.loanflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.microsoft.kiota.ApiExceptionBuilder;

class ExplainingAvroDeserializerTest {

    private static final byte[] UNKNOWN_SCHEMA_ID = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4, 6, 8};

    @Test
    void bytesThatAreNotInTheWireFormatCanNeverBeRead() {
        RuntimeException explained = ExplainingAvroDeserializer.explained(
                "{\"json\": true}".getBytes(StandardCharsets.UTF_8), new IllegalStateException("magic byte"));

        assertThat(explained).isInstanceOf(ExplainingAvroDeserializer.UnreadableRecord.class)
                .hasMessage("not in Confluent wire format: first byte 0x7B");
    }

    @Test
    void aSchemaIdTheRegistryDoesNotKnowCanNeverBeRead() {
        RuntimeException explained = ExplainingAvroDeserializer.explained(UNKNOWN_SCHEMA_ID, new RuntimeException("client",
                new ApiExceptionBuilder().withResponseStatusCode(404).build()));

        assertThat(explained).isInstanceOf(ExplainingAvroDeserializer.UnreadableRecord.class)
                .hasMessage("unknown schema id 2139062143");
    }

    @Test
    void aRegistryThatDoesNotAnswerIsAnOutage() {
        assertThat(ExplainingAvroDeserializer.explained(UNKNOWN_SCHEMA_ID, new RuntimeException(new ConnectException("refused"))))
                .isInstanceOf(ExplainingAvroDeserializer.RegistryUnavailable.class);
        assertThat(ExplainingAvroDeserializer.explained(UNKNOWN_SCHEMA_ID, new RuntimeException("client",
                new ApiExceptionBuilder().withResponseStatusCode(503).build())))
                .isInstanceOf(ExplainingAvroDeserializer.RegistryUnavailable.class);
    }

    @Test
    void anExplanationIsKeptAsItIs() {
        RuntimeException unknown = new ExplainingAvroDeserializer.UnreadableRecord("unknown schema id 2139062143");

        assertThat(ExplainingAvroDeserializer.explained(UNKNOWN_SCHEMA_ID, unknown)).isSameAs(unknown);
    }
}
