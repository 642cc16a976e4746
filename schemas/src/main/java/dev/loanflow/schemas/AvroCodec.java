package dev.loanflow.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Avro binary of one event and back, with its class's logical-type conversions; for outbox rows. */
public final class AvroCodec {

    // Building a reader resolves the writer's and reader's schemas; doing it once per type and thread, not per event,
    // took the resolver off the top of the profile (readers and writers keep state, so each thread has its own).
    private static final Map<String, ThreadLocal<SpecificDatumReader<SpecificRecord>>> READERS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, ThreadLocal<SpecificDatumWriter<SpecificRecord>>> WRITERS = new ConcurrentHashMap<>();

    private AvroCodec() {
    }

    public static byte[] encode(SpecificRecord event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            writer(event.getClass()).write(event, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static SpecificRecord decode(String typeName, byte[] bytes) {
        try {
            return reader(typeName).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static SpecificDatumWriter<SpecificRecord> writer(Class<? extends SpecificRecord> type) {
        return WRITERS.computeIfAbsent(type, key -> ThreadLocal.withInitial(
                () -> new SpecificDatumWriter<>((Class<SpecificRecord>) key))).get();
    }

    private static SpecificDatumReader<SpecificRecord> reader(String typeName) {
        return READERS.computeIfAbsent(typeName, name -> {
            Class<? extends SpecificRecord> type = type(name);
            return ThreadLocal.withInitial(() -> new SpecificDatumReader<SpecificRecord>(cast(type)));
        }).get();
    }

    @SuppressWarnings("unchecked")
    private static Class<SpecificRecord> cast(Class<? extends SpecificRecord> type) {
        return (Class<SpecificRecord>) type;
    }

    private static Class<? extends SpecificRecord> type(String typeName) {
        try {
            return Class.forName(typeName).asSubclass(SpecificRecord.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown event type " + typeName, e);
        }
    }
}
