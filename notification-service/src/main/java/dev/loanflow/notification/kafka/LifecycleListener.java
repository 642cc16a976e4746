package dev.loanflow.notification.kafka;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.loanflow.eventing.PollTransactions;
import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.notification.delivery.PlanningDeliveries;

/** Every accepted lifecycle transition, from origination: a poll's deliveries planned in one transaction. */
@Component
class LifecycleListener {

    private final PlanningDeliveries planner;
    private final PollTransactions polls;

    LifecycleListener(PlanningDeliveries planner, PollTransactions polls) {
        this.planner = planner;
        this.polls = polls;
    }

    @KafkaListener(topics = "#{T(dev.loanflow.schemas.Topic).LIFECYCLE.topicName()}",
            concurrency = "${loanflow.kafka.listener-concurrency:3}", batch = "true")
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        polls.allInOneTransaction(records,
                together -> planner.planAll(together.stream().map(LifecycleListener::change).toList()),
                alone -> planner.plan(change(alone)));
    }

    private static ApplicationStatusChanged change(ConsumerRecord<String, SpecificRecord> record) {
        if (!(record.value() instanceof ApplicationStatusChanged change)) {
            throw new IllegalArgumentException("unexpected record type " + record.value().getClass().getName());
        }
        return change;
    }
}
