package dev.loanflow.schemas;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.stream.Stream;

import org.apache.kafka.common.header.Headers;

import com.microsoft.kiota.ApiException;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;

/**
 * Apicurio's Avro deserializer, whose failures say what went wrong in a form that survives being stored in a record
 * header (the registry client's own exceptions do not): {@link RegistryUnavailable} when the registry could not be
 * asked, which is an outage, and {@link UnreadableRecord} when the bytes can never be read.
 */
public class ExplainingAvroDeserializer<T> extends AvroKafkaDeserializer<T> {

    /** The registry did not answer: reading the record again later may work. */
    public static final class RegistryUnavailable extends RuntimeException {
        public RegistryUnavailable(String message) {
            super(message);
        }
    }

    /** The record can never be read: its bytes are not in the wire format, or name a schema the registry lacks. */
    public static final class UnreadableRecord extends RuntimeException {
        public UnreadableRecord(String message) {
            super(message);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        try {
            return super.deserialize(topic, data);
        } catch (RuntimeException failure) {
            throw explained(data, failure);
        }
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        try {
            return super.deserialize(topic, headers, data);
        } catch (RuntimeException failure) {
            throw explained(data, failure);
        }
    }

    /** What a failure to read these bytes means: an outage, or bytes that can never be read, and why. */
    public static RuntimeException explained(byte[] data, RuntimeException failure) {
        if (failure instanceof UnreadableRecord || failure instanceof RegistryUnavailable) {
            return failure; // explained already: Apicurio's deserialize with headers calls the one without
        }
        if (data == null || data.length == 0) {
            return new UnreadableRecord("empty value");
        }
        if (data[0] != 0) {
            return new UnreadableRecord(String.format("not in Confluent wire format: first byte 0x%02X", data[0]));
        }
        if (data.length < 5) {
            return new UnreadableRecord("Confluent wire format too short for a schema id: " + data.length + " bytes");
        }
        int schemaId = ByteBuffer.wrap(data, 1, 4).getInt();
        if (chain(failure).anyMatch(cause -> cause instanceof ApiException api && api.getResponseStatusCode() == 404)) {
            return new UnreadableRecord("unknown schema id " + schemaId);
        }
        if (chain(failure).anyMatch(cause -> cause instanceof ApiException api && api.getResponseStatusCode() >= 500
                || cause instanceof SocketException || cause instanceof SocketTimeoutException
                || cause instanceof HttpTimeoutException || cause instanceof UnknownHostException)) {
            return new RegistryUnavailable("the registry could not be asked for schema id " + schemaId);
        }
        return new UnreadableRecord("schema id " + schemaId + " could not be read: " + failure.getClass().getName());
    }

    private static Stream<Throwable> chain(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause).limit(20);
    }
}
