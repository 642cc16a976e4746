package dev.loanflow.eventing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;


import dev.loanflow.schemas.StoredEvents;
import dev.loanflow.schemas.Topic;

/**
 * The {@link Outbox} as a table of the service's database, written just before the caller's transaction commits. Each
 * event is stored as Kafka will carry it ({@link StoredEvents}).
 */
public class JdbcOutbox implements Outbox {

    private final JdbcClient jdbc;
    private final StoredEvents storedEvents;
    private final TraceContexts traces;
    private final OutboxSignal signal;

    public JdbcOutbox(JdbcClient jdbc, StoredEvents storedEvents, TraceContexts traces) {
        this(jdbc, storedEvents, traces, new OutboxSignal());
    }

    public JdbcOutbox(JdbcClient jdbc, StoredEvents storedEvents, TraceContexts traces, OutboxSignal signal) {
        this.jdbc = jdbc;
        this.storedEvents = storedEvents;
        this.traces = traces;
        this.signal = signal;
    }

    /**
     * The transaction's events are written together, in one statement just before it commits and in the order they
     * were appended; without a transaction the event is written at once.
     */
    @Override
    public void append(Topic topic, String applicationId, SpecificRecord event) {
        Row row = new Row(applicationId, topic.topicName(), event.getClass().getName(), storedEvents.encode(event),
                traces.current());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            pendingInThisTransaction().add(row);
        } else {
            insert(List.of(row));
        }
    }

    private Pending pendingInThisTransaction() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    /**
     * One transaction's events until it commits; an event appended after that (by another synchronization as the
     * transaction commits) is written at once.
     */
    private final class Pending implements TransactionSynchronization {

        private final List<Row> rows = new ArrayList<>();
        private boolean written;

        void add(Row row) {
            if (written) {
                insert(List.of(row));
            } else {
                rows.add(row);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            insert(rows);
            written = true;
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(JdbcOutbox.this);
            if (status == STATUS_COMMITTED) {
                signal.rowsCommitted();
            }
        }
    }

    private void insert(List<Row> rows) {
        List<Object> params = new ArrayList<>(rows.size() * 5);
        rows.forEach(row -> params.addAll(Arrays.asList(row.applicationId(), row.topic(), row.eventType(), row.payload(),
                row.traceParent())));
        jdbc.sql("insert into outbox (application_id, topic, event_type, payload, trace_parent) values "
                        + SqlRows.times(rows.size(), "(?, ?, ?, ?, ?)"))
                .params(params)
                .update();
    }

    private record Row(String applicationId, String topic, String eventType, byte[] payload, String traceParent) {
    }
}
