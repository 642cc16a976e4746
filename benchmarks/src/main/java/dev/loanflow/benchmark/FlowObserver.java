package dev.loanflow.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.schemas.EventSerde;
import dev.loanflow.schemas.Topic;

/**
 * Watches the lifecycle topic as any consumer of ours would: counts events, and times each application from the
 * moment it was published on the input topic to the moment its APPROVED event arrives (HdrHistogram, microseconds),
 * with the steps in between ({@link Journey}).
 */
final class FlowObserver implements AutoCloseable {

    /** An application not yet finished: when it was submitted, and when origination made each status so far. */
    private static final class InFlight {
        final long submittedNanos = System.nanoTime();
        final long submittedMillis = System.currentTimeMillis();
        long created = -1;
        long preApproved = -1;
        long started = -1;
    }

    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Queue<Journey> journeys = new ConcurrentLinkedQueue<>();
    private final Recorder approvalLatency = new Recorder(3);
    final AtomicLong submitted = new AtomicLong();
    final AtomicLong approved = new AtomicLong();
    final AtomicLong refunded = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    private final Consumer<String> onApproved;
    private final Thread thread;
    private volatile boolean running = true;

    FlowObserver(String bootstrapServers, String registryUrl, Consumer<String> onApproved) {
        this.onApproved = onApproved;
        Map<String, Object> config = new HashMap<>(EventSerde.consumerProperties(registryUrl));
        config.put("bootstrap.servers", bootstrapServers);
        config.put("group.id", "benchmark-observer-" + UUID.randomUUID());
        config.put("auto.offset.reset", "latest");
        KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(Topic.LIFECYCLE.topicName()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(() -> observe(consumer), "lifecycle-observer");
        thread.setDaemon(true);
        thread.start();
    }

    void submittedNow(String applicationId) {
        inFlight.put(applicationId, new InFlight());
        submitted.incrementAndGet();
    }

    /** Approval latencies recorded since the previous call. */
    Histogram interval(Histogram recycle) {
        return approvalLatency.getIntervalHistogram(recycle);
    }

    /** The journeys of the applications approved since the previous call. */
    List<Journey> journeys() {
        List<Journey> finished = new ArrayList<>();
        for (Journey journey = journeys.poll(); journey != null; journey = journeys.poll()) {
            finished.add(journey);
        }
        return finished;
    }

    long inFlight() {
        return inFlight.size();
    }

    private void observe(KafkaConsumer<String, Object> consumer) {
        try (consumer) {
            while (running) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() instanceof ApplicationStatusChanged change) {
                        events.incrementAndGet();
                        handle(change, record.timestamp());
                    }
                }
            }
        }
    }

    private void handle(ApplicationStatusChanged change, long sentMillis) {
        String applicationId = change.getMetadata().getApplicationId();
        long occurredAt = change.getMetadata().getOccurredAt().toEpochMilli();
        InFlight application = inFlight.get(applicationId);
        switch (change.getStatus()) {
            case NEW -> {
                if (application != null) {
                    application.created = occurredAt;
                }
            }
            case PRE_APPROVED -> {
                if (application != null) {
                    application.preApproved = occurredAt;
                }
            }
            case STARTED -> {
                if (application != null) {
                    application.started = occurredAt;
                }
            }
            case APPROVED -> {
                if (change.getPreviousStatus() != ApplicationStatus.APPROVED && inFlight.remove(applicationId) != null) {
                    approvalLatency.recordValue(Math.max(1, (System.nanoTime() - application.submittedNanos) / 1_000));
                    if (application.created >= 0 && application.preApproved >= 0 && application.started >= 0) {
                        journeys.add(Journey.of(application.submittedMillis, application.created, application.preApproved,
                                application.started, occurredAt, sentMillis, System.currentTimeMillis()));
                    }
                    approved.incrementAndGet();
                    onApproved.accept(applicationId);
                }
            }
            case REFUNDED -> refunded.incrementAndGet();
            default -> {
                if (isFinal(change.getStatus())) {
                    inFlight.remove(applicationId);
                }
            }
        }
    }

    private static boolean isFinal(ApplicationStatus status) {
        return switch (status) {
            case PRE_APPROVAL_DECLINED, REJECTED, CANCELLED, FAILED, TIMEOUT -> true;
            default -> false;
        };
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
