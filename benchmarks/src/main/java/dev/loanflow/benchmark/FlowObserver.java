package dev.loanflow.benchmark;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * moment it was published on the input topic to the moment its APPROVED event arrives (HdrHistogram, microseconds).
 */
final class FlowObserver implements AutoCloseable {

    private final Map<String, Long> submittedAtNanos = new ConcurrentHashMap<>();
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
        config.put("fetch.max.wait.ms", "5");
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
        submittedAtNanos.put(applicationId, System.nanoTime());
        submitted.incrementAndGet();
    }

    /** Approval latencies recorded since the previous call. */
    Histogram interval(Histogram recycle) {
        return approvalLatency.getIntervalHistogram(recycle);
    }

    long inFlight() {
        return submittedAtNanos.size();
    }

    private void observe(KafkaConsumer<String, Object> consumer) {
        try (consumer) {
            while (running) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() instanceof ApplicationStatusChanged change) {
                        events.incrementAndGet();
                        handle(change);
                    }
                }
            }
        }
    }

    private void handle(ApplicationStatusChanged change) {
        String applicationId = change.getMetadata().getApplicationId();
        if (change.getStatus() == ApplicationStatus.APPROVED && change.getPreviousStatus() != ApplicationStatus.APPROVED) {
            Long started = submittedAtNanos.remove(applicationId);
            if (started != null) {
                approvalLatency.recordValue(Math.max(1, (System.nanoTime() - started) / 1_000));
                approved.incrementAndGet();
                onApproved.accept(applicationId);
            }
        } else if (change.getStatus() == ApplicationStatus.REFUNDED) {
            refunded.incrementAndGet();
        } else if (change.getStatus() != ApplicationStatus.APPROVED && isFinal(change.getStatus())) {
            submittedAtNanos.remove(applicationId);
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
