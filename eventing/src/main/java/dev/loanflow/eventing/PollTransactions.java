package dev.loanflow.eventing;

import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles a poll's records in one transaction, so that a busy consumer pays for one commit (and one outbox insert)
 * per poll rather than per record. The handler's own transactions join this one. When the poll fails as a whole, its
 * records are handled again one by one, each in its own transaction as a record listener would: the one that fails
 * is reported to the error handler by its index, which keeps the records before it, retries it, or dead-letters it
 * and goes on after it. An unreadable record (the deserializer left no value) stops the poll the same way, after the
 * records before it are handled. Each record is handled in its own trace, continued from its {@code traceparent}
 * header, with its key (the application id) in the log context.
 */
public final class PollTransactions {

    private final TransactionTemplate transaction;
    private final TraceContexts traces;

    public PollTransactions(TransactionTemplate transaction, TraceContexts traces) {
        this.transaction = transaction;
        this.traces = traces;
    }

    /** Each record by the handler, all of them in one transaction. */
    public <V> void eachInOneTransaction(List<ConsumerRecord<String, V>> records,
                                         Consumer<ConsumerRecord<String, V>> handler) {
        allInOneTransaction(records, together -> together.forEach(record -> RecordContext.handle(traces, record, handler)), handler);
    }

    /**
     * All the records at once, by {@code together} (set-based writes), in one transaction; when that fails, each by
     * {@code alone}.
     */
    public <V> void allInOneTransaction(List<ConsumerRecord<String, V>> records,
                                        Consumer<List<ConsumerRecord<String, V>>> together,
                                        Consumer<ConsumerRecord<String, V>> alone) {
        int readable = RecordContext.readableBefore(records);
        List<ConsumerRecord<String, V>> handled = records.subList(0, readable);
        if (!handled.isEmpty()) {
            try {
                transaction.executeWithoutResult(status -> together.accept(handled));
            } catch (RuntimeException pollFailed) {
                oneByOne(handled, alone);
            }
        }
        if (readable < records.size()) {
            throw new BatchListenerFailedException("unreadable record", RecordContext.whyUnreadable(records.get(readable)),
                    readable);
        }
    }

    private <V> void oneByOne(List<ConsumerRecord<String, V>> records, Consumer<ConsumerRecord<String, V>> handler) {
        for (int index = 0; index < records.size(); index++) {
            try {
                RecordContext.handle(traces, records.get(index), handler);
            } catch (RuntimeException failed) {
                throw new BatchListenerFailedException("handling failed", failed, index);
            }
        }
    }
}
