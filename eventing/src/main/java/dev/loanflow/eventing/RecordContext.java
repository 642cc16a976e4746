package dev.loanflow.eventing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;

/**
 * What the poll handlers share: a consumed record is handled in its own trace, continued from its {@code traceparent},
 * with its key in the log context; a poll is handled up to its first unreadable record.
 */
final class RecordContext {

    private RecordContext() {
    }

    /** How many records come before the first the deserializer could not read (it left no value). */
    static <V> int readableBefore(List<ConsumerRecord<String, V>> records) {
        int readable = 0;
        while (readable < records.size() && records.get(readable).value() != null) {
            readable++;
        }
        return readable;
    }

    static <V> void handle(TraceContexts traces, ConsumerRecord<String, V> record, Consumer<ConsumerRecord<String, V>> handler) {
        Header traceParent = record.headers().lastHeader("traceparent");
        try (MDC.MDCCloseable context = MDC.putCloseable("applicationId", record.key())) {
            traces.continueTrace(traceParent == null ? null : new String(traceParent.value(), StandardCharsets.UTF_8),
                    record.topic() + " process", () -> handler.accept(record));
        }
    }
}
