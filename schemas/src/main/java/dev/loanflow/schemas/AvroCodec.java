package dev.loanflow.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Avro binary of one event and back, with its class's logical-type conversions; for outbox rows. */
public final class AvroCodec {

    private AvroCodec() {
    }

    @SuppressWarnings("unchecked")
    public static byte[] encode(SpecificRecord event) {
        Class<SpecificRecord> type = (Class<SpecificRecord>) event.getClass();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new SpecificDatumWriter<>(type).write(event, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static SpecificRecord decode(String typeName, byte[] bytes) {
        try {
            Class<? extends SpecificRecord> type = Class.forName(typeName).asSubclass(SpecificRecord.class);
            return new SpecificDatumReader<>(type).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown event type " + typeName, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
