package dev.loanflow.benchmark;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.loanflow.schemas.AvroCodec;
import dev.loanflow.schemas.EventSerde;
import dev.loanflow.schemas.UpstreamPublishers;

/**
 * Publishes applications on the input topic at a fixed rate, or as fast as the flow completes them (a bounded
 * number in flight, so that a backlog cannot pass for throughput).
 */
final class Load implements AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;
    private final FlowObserver observer;

    /** Publishes as the upstream publisher {@link Submissions#PUBLISHER}, given its client settings. */
    Load(Map<String, Object> kafka, String registryUrl, FlowObserver observer) {
        Map<String, Object> config = new HashMap<>(EventSerde.publisherProperties(registryUrl));
        config.putAll(kafka);
        config.put("linger.ms", "2");
        this.producer = new KafkaProducer<>(config);
        this.observer = observer;
    }

    /** {@code perSecond} 0 means as fast as possible with at most {@code maxInFlight} applications unfinished. */
    void run(double perSecond, int maxInFlight, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        long sent = 0;
        while (System.nanoTime() < end) {
            if (perSecond > 0) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
                while (sent < due) {
                    send();
                    sent++;
                }
                // asleep until the next one is due rather than waking every millisecond: the benchmark's own CPU is
                // taken from the stack it measures
                long nextDue = start + (long) ((sent + 1) * 1e9 / perSecond);
                Thread.sleep(Math.max(1, (nextDue - System.nanoTime()) / 1_000_000));
            } else if (observer.inFlight() < maxInFlight) {
                send();
            } else {
                Thread.sleep(1);
            }
        }
        producer.flush();
    }

    private void send() {
        String applicationId = UUID.randomUUID().toString();
        observer.submittedNow(applicationId);
        producer.send(new ProducerRecord<>(UpstreamPublishers.topicOf(Submissions.PUBLISHER), applicationId,
                Submissions.approvedByTheCustomer(applicationId)));
    }

    /** The size of one submission on the wire (Avro binary after the 5-byte schema-id header). */
    static int recordBytes() {
        return AvroCodec.encode(Submissions.approvedByTheCustomer(UUID.randomUUID().toString())).length + 5;
    }

    @Override
    public void close() {
        producer.close();
    }
}
