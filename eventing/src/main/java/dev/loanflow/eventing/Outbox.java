package dev.loanflow.eventing;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;


import dev.loanflow.schemas.AvroCodec;
import dev.loanflow.schemas.Topic;

/**
 * Appends events in the caller's transaction; {@link OutboxRelay} sends them to Kafka after commit, at once in this
 * instance (the commit wakes it up) and at its next poll in any other.
 */

public class Outbox {

    private final JdbcClient jdbc;
    private final TraceContexts traces;
    private final OutboxSignal signal;

    public Outbox(JdbcClient jdbc, TraceContexts traces) {
        this(jdbc, traces, new OutboxSignal());
    }

    public Outbox(JdbcClient jdbc, TraceContexts traces, OutboxSignal signal) {
        this.jdbc = jdbc;
        this.traces = traces;
        this.signal = signal;
    }

    public void append(Topic topic, String applicationId, SpecificRecord event) {
        jdbc.sql("insert into outbox (application_id, topic, event_type, payload, trace_parent) values (?, ?, ?, ?, ?)")
                .params(applicationId, topic.topicName(), event.getClass().getName(), AvroCodec.encode(event), traces.current())
                .update();
        wakeTheRelayAfterCommit();
    }

    private void wakeTheRelayAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive() || TransactionSynchronizationManager.hasResource(signal)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(signal, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(signal);
                if (status == STATUS_COMMITTED) {
                    signal.rowsCommitted();
                }
            }
        });
    }
}
