package dev.loanflow.notification.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.notification.delivery.DeliveryPlanner;

/** Every accepted lifecycle transition, from origination. */
@Component
class LifecycleListener {

    private final DeliveryPlanner planner;

    LifecycleListener(DeliveryPlanner planner) {
        this.planner = planner;
    }

    @KafkaListener(topics = "#{T(dev.loanflow.schemas.Topic).LIFECYCLE.topicName()}",
            concurrency = "${loanflow.kafka.listener-concurrency:3}")
    void on(ConsumerRecord<String, SpecificRecord> record) {
        try (MDC.MDCCloseable context = MDC.putCloseable("applicationId", record.key())) {
            if (!(record.value() instanceof ApplicationStatusChanged change)) {
                throw new IllegalArgumentException("unexpected record type " + record.value().getClass().getName());
            }
            planner.plan(change);
        }
    }
}
