package dev.loanflow.eventing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import org.springframework.transaction.support.TransactionTemplate;

import dev.loanflow.schemas.StoredEvents;

/**
 * Sends committed outbox rows to Kafka in id order, as the bytes they were stored in, and deletes them once the broker
 * acknowledged them. One relay works at a time across instances (a transaction-scoped advisory lock), which keeps each
 * application's events in order; a crash between send and delete sends a row again, and consumers deduplicate by event id. Kafka being
 * unreachable stops the relay until it is back; a row that fails for a reason of its own (a payload that cannot be
 * read, a record Kafka refuses) holds back only its application's later rows, and after {@value #ATTEMPTS_BEFORE_PARKING}
 * attempts it is parked ({@link ParkedEvents}) and they go on.
 */

public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    static final int ATTEMPTS_BEFORE_PARKING = 5;
    private static final Predicate<Throwable> KAFKA_OUTAGE = DeadLetters.isOutage(failure -> false);
    static final long RELAY_LOCK = 0x6f7574626f78L;

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final StoredEvents storedEvents;
    private final TransactionTemplate transaction;
    private final TraceContexts traces;
    private final OutboxSignal signal;
    private final Duration pollInterval;
    private volatile Thread worker;

    public OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, byte[]> kafka, StoredEvents storedEvents,
                       TransactionTemplate transaction, TraceContexts traces) {
        this(jdbc, kafka, storedEvents, transaction, traces, new OutboxSignal(), Duration.ofMillis(250));
    }

    /** Sends as soon as {@code signal} says rows were committed here, and polls every {@code pollInterval} for the rest. */
    public OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, byte[]> kafka, StoredEvents storedEvents,
                       TransactionTemplate transaction, TraceContexts traces, OutboxSignal signal, Duration pollInterval) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.storedEvents = storedEvents;
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
        kafka.destroy(); // closes the producer when the relay was given one of its own
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
        // the lock is an uncorrelated subquery, taken once per statement (an InitPlan) before any row is read; a row
        // waits while an earlier row of its application is failing and not parked yet
        List<Row> rows = jdbc.sql("select id, application_id, topic, event_type, payload, trace_parent from outbox o "
                        + "where (select pg_try_advisory_xact_lock(?)) and parked_at is null and not exists (select 1 "
                        + "from outbox f where f.application_id = o.application_id and f.id < o.id and f.attempts > 0 "
                        + "and f.parked_at is null) order by id limit ?")
                .params(RELAY_LOCK, BATCH)
                .query((row, n) -> new Row(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBytes(5), row.getString(6)))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        Map<Long, String> failures = new LinkedHashMap<>();
        Set<String> heldBack = new HashSet<>();
        Map<Long, CompletableFuture<SendResult<String, byte[]>>> sends = new LinkedHashMap<>();
        for (Row row : rows) {
            if (heldBack.contains(row.applicationId())) {
                continue;
            }
            try {
                traces.continueTrace(row.traceParent(), "outbox relay", () -> sends.put(row.id(),
                        kafka.send(row.topic(), row.applicationId(), storedEvents.wire(row.eventType(), row.payload()))));
            } catch (RuntimeException failed) {
                if (KAFKA_OUTAGE.test(failed)) {
                    throw failed;
                }
                failures.put(row.id(), DeadLetters.causes(failed));
                heldBack.add(row.applicationId());
            }
        }
        // the batch is complete: sent now rather than after the producer's linger, which every hop would wait for
        kafka.flush();
        List<Long> delivered = awaitAcknowledgements(sends, failures);
        // a delete lost in a crash only sends its rows again, which every consumer deduplicates by event id: this
        // commit need not wait for the disk (the events' own commits do)
        jdbc.sql("set local synchronous_commit to off").update();
        jdbc.sql("delete from outbox where id = any(?)").param(delivered.toArray(Long[]::new)).update();
        failures.forEach((id, cause) -> {
            jdbc.sql("update outbox set attempts = attempts + 1, last_error = left(?, 500), parked_at = case when "
                            + "attempts + 1 >= ? then now() end where id = ?")
                    .params(cause, ATTEMPTS_BEFORE_PARKING, id).update();
            log.warn("outbox row {} not sent: {}", id, cause);
        });
        return rows.size();
    }

    /**
     * The rows Kafka acknowledged. A row Kafka refused for a reason of its own is added to {@code failures}; when Kafka
     * cannot be reached, nothing is deleted and every row is sent again later.
     */
    private static List<Long> awaitAcknowledgements(Map<Long, CompletableFuture<SendResult<String, byte[]>>> sends,
                                                    Map<Long, String> failures) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Long> delivered = new ArrayList<>(sends.size());
        for (Map.Entry<Long, CompletableFuture<SendResult<String, byte[]>>> send : sends.entrySet()) {
            try {
                send.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                delivered.add(send.getKey());
            } catch (ExecutionException refused) {
                if (KAFKA_OUTAGE.test(refused.getCause())) {
                    throw new IllegalStateException("outbox batch not acknowledged by Kafka; it will be sent again", refused);
                }
                failures.put(send.getKey(), DeadLetters.causes(refused.getCause()));
            } catch (TimeoutException e) {
                throw new IllegalStateException("outbox batch not acknowledged by Kafka; it will be sent again", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return delivered;
    }

    private record Row(long id, String applicationId, String topic, String eventType, byte[] payload, String traceParent) {
    }
}
