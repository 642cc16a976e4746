package dev.loanflow.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.loanflow.infra.Platform;

/** One line per second while a run goes: rates, that second's latencies, backlog, lag and every process's CPU and memory. */
final class Timeline {

    /** {@code elapsedSeconds}: the wall-clock time since the tick before, which a busy machine stretches past a second. */
    record Second(int second, double elapsedSeconds, boolean measured, long submitted, long approved, long events,
                  double p50Millis, double p99Millis, long outboxBacklog, long consumerLag, long notificationsDue, long databaseCommits,
                  long databaseRowWrites, long kafkaRecords,
                  Map<String, ProcessStats.Sample> processes) {
    }

    private static final List<String> GROUPS = List.of("origination-service", "bank-gateway-service", "notification-service");

    private final FlowObserver observer;
    private final List<ProcessStats> processes;
    private final Admin admin;
    private final DatabaseNumbers database;
    private Map<TopicPartition, OffsetSpec> everyPartition;
    final List<Second> seconds = new ArrayList<>();
    final Histogram measured = new Histogram(3);
    final List<Journey> measuredJourneys = new ArrayList<>();
    private Histogram recycled;
    private long lastSubmitted;
    private long lastApproved;
    private long lastEvents;
    private long lastTickNanos = System.nanoTime();

    Timeline(Platform platform, FlowObserver observer, List<ProcessStats> processes) {
        this.observer = observer;
        this.processes = processes;
        this.admin = Admin.create(platform.kafka.adminProperties());
        // the due notifications are a few dozen rows of a table of thousands, most of them webhooks retrying in an
        // hour; with the planner's estimate of them their count read the whole table (15-45 ms a second of the
        // database's time) where the partial index takes a millisecond
        this.database = new DatabaseNumbers(platform::database, "set enable_seqscan to off");
        lastSubmitted = observer.submitted.get();
        lastApproved = observer.approved.get();
        lastEvents = observer.events.get();
        observer.interval(null);
    }

    void tick(int second, boolean measuring) {
        Histogram interval = observer.interval(recycled);
        recycled = interval;
        List<Journey> journeys = observer.journeys();
        if (measuring) {
            measured.add(interval);
            measuredJourneys.addAll(journeys);
        }
        long submitted = observer.submitted.get();
        long approved = observer.approved.get();
        long events = observer.events.get();
        Map<String, ProcessStats.Sample> samples = new HashMap<>();
        processes.forEach(process -> samples.put(process.name(), process.sample()));
        long now = System.nanoTime();
        seconds.add(new Second(second, (now - lastTickNanos) / 1e9, measuring, submitted - lastSubmitted,
                approved - lastApproved, events - lastEvents,
                interval.getValueAtPercentile(50) / 1000.0, interval.getValueAtPercentile(99) / 1000.0, outboxBacklog(),
                consumerLag(), notificationsDue(), databaseCommits(), databaseRowWrites(), kafkaRecords(), samples));
        lastTickNanos = now;
        lastSubmitted = submitted;
        lastApproved = approved;
        lastEvents = events;
    }

    long outboxBacklog() {
        return database.number("select (select count(*) from origination.outbox) + (select count(*) from bank_gateway.outbox)");
    }

    /** Notifications being sent, or whose time to be sent (or retried) has come: the dispatcher's backlog. */
    long notificationsDue() {
        // a delivery being sent is leased until at most two minutes from now: the index range stays that short
        return database.number("select count(*) from notification.delivery where next_attempt_at <= now() + interval "
                + "'2 minutes' and status in ('PENDING', 'RETRYING', 'SENDING') "
                + "and (status = 'SENDING' or next_attempt_at <= now())");
    }

    /** Transactions committed in PostgreSQL since it started, all databases. */
    long databaseCommits() {
        return database.number("select sum(xact_commit) from pg_stat_database");
    }

    /** Rows inserted, updated and deleted in PostgreSQL since it started, all databases. */
    long databaseRowWrites() {
        return database.number("select sum(tup_inserted + tup_updated + tup_deleted) from pg_stat_database");
    }

    /** Records written to every topic since the broker started (the sum of the partitions' end offsets). */
    long kafkaRecords() {
        try {
            return admin.listOffsets(everyPartition()).all().get(2, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (Exception unavailable) {
            return -1;
        }
    }

    /** Described once per run: every topic is created before the first run starts. */
    private Map<TopicPartition, OffsetSpec> everyPartition() throws Exception {
        if (everyPartition == null) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var topic : admin.describeTopics(admin.listTopics().names().get(2, TimeUnit.SECONDS)).allTopicNames()
                    .get(2, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(partition -> latest.put(new TopicPartition(topic.name(), partition.partition()),
                        OffsetSpec.latest()));
            }
            everyPartition = latest;
        }
        return everyPartition;
    }

    long consumerLag() {
        try {
            long lag = 0;
            for (String group : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS);
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() != null) {
                        lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                    }
                }
            }
            return lag;
        } catch (Exception unavailable) {
            return -1;
        }
    }

    /**
     * Waits until every service caught up (no outbox backlog, no lag, no notification due) for three seconds in a row,
     * so runs do not overlap.
     */
    void awaitQuiet(java.time.Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        int quietSeconds = 0;
        while (quietSeconds < 3 && System.nanoTime() < deadline) {
            quietSeconds = outboxBacklog() == 0 && consumerLag() == 0 && notificationsDue() == 0 ? quietSeconds + 1 : 0;
            Thread.sleep(1_000);
        }
        lastTickNanos = System.nanoTime();
    }

    void close() {
        admin.close();
        database.close();
    }
}
