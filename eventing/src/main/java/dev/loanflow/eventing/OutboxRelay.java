package dev.loanflow.eventing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import org.springframework.transaction.support.TransactionTemplate;

import dev.loanflow.schemas.AvroCodec;

/**
 * Sends committed outbox rows to Kafka in id order and deletes them once the broker acknowledged them. One relay
 * works at a time across instances (a transaction-scoped advisory lock), which keeps each application's events in
 * order; a crash between send and delete sends a row again, and consumers deduplicate by event id.
 */

public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    static final long RELAY_LOCK = 0x6f7574626f78L;

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final TransactionTemplate transaction;
    private final TraceContexts traces;
    private final OutboxSignal signal;
    private final Duration pollInterval;
    private volatile Thread worker;

    public OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, SpecificRecord> kafka, TransactionTemplate transaction,
                       TraceContexts traces) {
        this(jdbc, kafka, transaction, traces, new OutboxSignal(), Duration.ofMillis(250));
    }

    /** Sends as soon as {@code signal} says rows were committed here, and polls every {@code pollInterval} for the rest. */
    public OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, SpecificRecord> kafka, TransactionTemplate transaction,
                       TraceContexts traces, OutboxSignal signal, Duration pollInterval) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.transaction = transaction;
        this.traces = traces;
        this.signal = signal;
        this.pollInterval = pollInterval;
    }

    @Override
    public void start() {
        worker = new Thread(this::work, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        Thread running = worker;
        worker = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    private void work() {
        while (worker != null) {
            try {
                relay();
            } catch (RuntimeException failed) {
                log.warn("outbox relay failed; the rows stay and are sent again: {}", failed.getMessage());
            }
            try {
                signal.await(pollInterval);
            } catch (InterruptedException stopping) {
                return;
            }
        }
    }

    public void relay() {
        Integer sent;
        do {
            sent = transaction.execute(status -> relayBatch());
        } while (sent != null && sent == BATCH);
    }

    private int relayBatch() {
        // the lock is an uncorrelated subquery, taken once per statement (an InitPlan) before any row is read
        List<Row> rows = jdbc.sql("select id, application_id, topic, event_type, payload, trace_parent from outbox "
                        + "where (select pg_try_advisory_xact_lock(?)) order by id limit ?")
                .params(RELAY_LOCK, BATCH)
                .query((row, n) -> new Row(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBytes(5), row.getString(6)))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<SendResult<String, SpecificRecord>>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            traces.continueTrace(row.traceParent(), "outbox relay", () ->
                    sends.add(kafka.send(row.topic(), row.applicationId(), AvroCodec.decode(row.eventType(), row.payload()))));
        }
        // the batch is complete: sent now rather than after the producer's linger, which every hop would wait for
        kafka.flush();
        awaitAcknowledgements(sends);
        // a delete lost in a crash only sends its rows again, which every consumer deduplicates by event id: this
        // commit need not wait for the disk (the events' own commits do)
        jdbc.sql("set local synchronous_commit to off").update();
        jdbc.sql("delete from outbox where id = any(?)")
                .param(rows.stream().map(Row::id).toArray(Long[]::new)).update();
        return rows.size();
    }

    private static void awaitAcknowledgements(List<CompletableFuture<SendResult<String, SpecificRecord>>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("outbox batch not acknowledged by Kafka; it will be sent again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Row(long id, String applicationId, String topic, String eventType, byte[] payload, String traceParent) {
    }
}
