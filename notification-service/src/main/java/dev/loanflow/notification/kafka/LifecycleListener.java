package dev.loanflow.notification.kafka;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.notification.delivery.DeliveryPlanner;

/**
 * Every accepted lifecycle transition, from origination, a poll at a time: one transaction plans the deliveries of
 * all its records. When that fails, planning the records one by one finds the one that cannot be planned; the records
 * before it are kept, and the error handler retries it, or dead-letters it and goes on after it. An unreadable record
 * stops the poll the same way, after the records before it are planned.
 */
@Component
class LifecycleListener {

    private final DeliveryPlanner planner;

    LifecycleListener(DeliveryPlanner planner) {
        this.planner = planner;
    }

    @KafkaListener(topics = "#{T(dev.loanflow.schemas.Topic).LIFECYCLE.topicName()}",
            concurrency = "${loanflow.kafka.listener-concurrency:3}", batch = "true")
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        List<ApplicationStatusChanged> changes = new ArrayList<>(records.size());
        while (changes.size() < records.size() && records.get(changes.size()).value() instanceof ApplicationStatusChanged change) {
            changes.add(change);
        }
        try {
            planner.planAll(changes);
        } catch (RuntimeException failed) {
            planOneByOne(records.subList(0, changes.size()));
        }
        if (changes.size() < records.size()) {
            SpecificRecord value = records.get(changes.size()).value();
            throw new BatchListenerFailedException(value == null ? "unreadable record"
                    : "unexpected record type " + value.getClass().getName(), changes.size());
        }
    }

    private void planOneByOne(List<ConsumerRecord<String, SpecificRecord>> records) {
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, SpecificRecord> record = records.get(index);
            try (MDC.MDCCloseable context = MDC.putCloseable("applicationId", record.key())) {
                planner.plan((ApplicationStatusChanged) record.value());
            } catch (RuntimeException failed) {
                throw new BatchListenerFailedException("planning failed", failed, index);
            }
        }
    }
}
