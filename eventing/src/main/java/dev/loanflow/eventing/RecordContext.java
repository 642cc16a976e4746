package dev.loanflow.eventing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * What the poll handlers share: a consumed record is handled in its own trace, continued from its {@code traceparent},
 * with its key in the log context; a poll is handled up to its first unreadable record.
 */
final class RecordContext {

    private RecordContext() {
    }

    /** How many records come before the first the deserializer could not read (it left no value). */
    private static final LogAccessor LOG = new LogAccessor(RecordContext.class);

    static <V> int readableBefore(List<ConsumerRecord<String, V>> records) {
        int readable = 0;
        while (readable < records.size() && records.get(readable).value() != null) {
            readable++;
        }
        return readable;
    }

    /**
     * Why a record could not be read: the deserializer's failure, which the error-handling deserializer keeps in a
     * header, so the error handler can tell a registry that is down from bytes that can never be read.
     */
    static RuntimeException whyUnreadable(ConsumerRecord<String, ?> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        return failure != null ? failure : new IllegalStateException("record without a value");
    }

    static <V> void handle(TraceContexts traces, ConsumerRecord<String, V> record, Consumer<ConsumerRecord<String, V>> handler) {
        Header traceParent = record.headers().lastHeader("traceparent");
        try (MDC.MDCCloseable context = MDC.putCloseable("applicationId", record.key())) {
            traces.continueTrace(traceParent == null ? null : new String(traceParent.value(), StandardCharsets.UTF_8),
                    record.topic() + " process", () -> handler.accept(record));
        }
    }
}
