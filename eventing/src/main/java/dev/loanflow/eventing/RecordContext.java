package dev.loanflow.eventing;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;

/** A consumed record is handled in its own trace, continued from its {@code traceparent}, with its key in the log context. */
final class RecordContext {

    private RecordContext() {
    }

    static <V> void handle(TraceContexts traces, ConsumerRecord<String, V> record, Consumer<ConsumerRecord<String, V>> handler) {
        Header traceParent = record.headers().lastHeader("traceparent");
        try (MDC.MDCCloseable context = MDC.putCloseable("applicationId", record.key())) {
            traces.continueTrace(traceParent == null ? null : new String(traceParent.value(), StandardCharsets.UTF_8),
                    record.topic() + " process", () -> handler.accept(record));
        }
    }
}
