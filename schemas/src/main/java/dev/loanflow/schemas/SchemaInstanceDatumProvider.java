package dev.loanflow.schemas;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;

/**
 * Apicurio's datum provider with its readers and writers cached by schema instead of by schema fingerprint. The
 * default computes the fingerprint of the whole schema (its canonical form, then a hash) for every record it writes
 * or reads: the largest single cost in origination's profile. A schema caches its hash code and equals itself at
 * once, and the serde passes the same instances every time (a generated class's schema, the registry's parsed one).
 */
public class SchemaInstanceDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    private static final int MAX_CACHED = 1_000;

    private final Map<Schema, DatumWriter<T>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<T>> genericWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        Map<Schema, DatumWriter<T>> writers = data instanceof SpecificRecord ? specificWriters : genericWriters;
        return cached(writers, schema, () -> super.createDatumWriter(data, schema));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        return cached(readers, schema, () -> super.createDatumReader(schema));
    }

    private static <V> V cached(Map<Schema, V> cache, Schema schema, java.util.function.Supplier<V> create) {
        V found = cache.get(schema);
        if (found != null) {
            return found;
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        return cache.computeIfAbsent(schema, key -> create.get());
    }
}
