package dev.loanflow.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApproved;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;
import dev.loanflow.schemas.EventSerde;
import dev.loanflow.schemas.Topic;

/**
 * Watches the lifecycle topic as any consumer of ours would: counts events, and times each application from the
 * moment it was published on the input topic to the moment its APPROVED event arrives (HdrHistogram, microseconds).
 * It also reads the bank-request and bank-outcome topics, for the hops in between ({@link Journey}).
 */
final class FlowObserver implements AutoCloseable {

    /** An application on its way: when it was submitted, and the journey's marks so far. */
    private static final class InFlight {
        final long submittedNanos = System.nanoTime();
        final long[] marks = new long[Journey.Mark.values().length];
        long approvedAtNanos;

        InFlight() {
            Arrays.fill(marks, -1);
            marks[Journey.Mark.SUBMITTED.ordinal()] = System.currentTimeMillis();
        }

        void mark(Journey.Mark mark, long epochMillis) {
            if (marks[mark.ordinal()] < 0) { // an event sent twice counts when it was first sent
                marks[mark.ordinal()] = epochMillis;
            }
        }
    }

    private static final long MARKS_PATIENCE_NANOS = 5_000_000_000L;

    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    /** Approved, some of their marks still on the way: another topic's partition can be read after the lifecycle's. */
    private final Map<String, InFlight> approvedAwaitingMarks = new HashMap<>();
    private final Queue<Journey> journeys = new ConcurrentLinkedQueue<>();
    private final Recorder approvalLatency = new Recorder(3);
    final AtomicLong submitted = new AtomicLong();
    final AtomicLong approved = new AtomicLong();
    final AtomicLong refunded = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    private final Consumer<String> onApproved;
    private final Thread thread;
    private volatile boolean running = true;

    FlowObserver(Map<String, Object> kafka, String registryUrl, Consumer<String> onApproved) {
        this.onApproved = onApproved;
        Map<String, Object> config = new HashMap<>(EventSerde.consumerProperties(registryUrl));
        config.putAll(kafka);
        config.put("group.id", "benchmark-observer-" + UUID.randomUUID());
        config.put("auto.offset.reset", "latest");
        KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = Stream.of(Topic.LIFECYCLE, Topic.BANK_REQUESTS, Topic.BANK_OUTCOMES)
                .flatMap(topic -> consumer.partitionsFor(topic.topicName()).stream())
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
                    } else {
                        mark(record.key(), record.value(), record.timestamp());
                    }
                }
                finishJourneys();
            }
        }
    }

    private void handle(ApplicationStatusChanged change, long sentMillis) {
        String applicationId = change.getMetadata().getApplicationId();
        long occurredAt = change.getMetadata().getOccurredAt().toEpochMilli();
        InFlight application = inFlight.get(applicationId);
        switch (change.getStatus()) {
            case NEW -> mark(application, Journey.Mark.NEW_MADE, occurredAt);
            case STARTED -> mark(application, Journey.Mark.STARTED_MADE, occurredAt);
            case APPROVED -> {
                if (change.getPreviousStatus() != ApplicationStatus.APPROVED && inFlight.remove(applicationId) != null) {
                    application.approvedAtNanos = System.nanoTime();
                    approvalLatency.recordValue(Math.max(1, (application.approvedAtNanos - application.submittedNanos) / 1_000));
                    application.mark(Journey.Mark.APPROVED_MADE, occurredAt);
                    application.mark(Journey.Mark.APPROVED_SENT, sentMillis);
                    application.mark(Journey.Mark.APPROVED_RECEIVED, System.currentTimeMillis());
                    approvedAwaitingMarks.put(applicationId, application);
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

    /** A bank request's or outcome's marks: when the gateway made the outcome, and when an outbox relay sent it. */
    private void mark(String applicationId, Object event, long sentMillis) {
        InFlight application = applicationId == null ? null : inFlight.getOrDefault(applicationId,
                approvedAwaitingMarks.get(applicationId));
        if (event instanceof PreApprovalRequested) {
            mark(application, Journey.Mark.PRE_APPROVAL_REQUEST_SENT, sentMillis);
        } else if (event instanceof PreApproved preApproved) {
            mark(application, Journey.Mark.PRE_APPROVED_BY_GATEWAY, preApproved.getMetadata().getOccurredAt().toEpochMilli());
        } else if (event instanceof BankApplicationCreated created) {
            mark(application, Journey.Mark.BANK_APPLICATION_CREATED_BY_GATEWAY, created.getMetadata().getOccurredAt().toEpochMilli());
            mark(application, Journey.Mark.BANK_APPLICATION_CREATED_SENT, sentMillis);
        } else if (event instanceof BankApproved bankApproved) {
            mark(application, Journey.Mark.APPROVED_BY_GATEWAY, bankApproved.getMetadata().getOccurredAt().toEpochMilli());
            mark(application, Journey.Mark.BANK_APPROVED_SENT, sentMillis);
        }
    }

    private static void mark(InFlight application, Journey.Mark mark, long epochMillis) {
        if (application != null) {
            application.mark(mark, epochMillis);
        }
    }

    /** Journeys whose marks are all in; those still missing one after a few seconds are left out. */
    private void finishJourneys() {
        long now = System.nanoTime();
        approvedAwaitingMarks.values().removeIf(application -> {
            Optional<Journey> journey = Journey.of(application.marks);
            journey.ifPresent(journeys::add);
            return journey.isPresent() || now - application.approvedAtNanos > MARKS_PATIENCE_NANOS;
        });
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
