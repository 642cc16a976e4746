package dev.loanflow.eventing;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox, its relay and consumed-event deduplication for a service whose schema has the {@code outbox} and
 * {@code processed_event} tables. Import it from the service's configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class EventingConfiguration {

    @Bean
    Outbox outbox(JdbcClient jdbc) {
        return new Outbox(jdbc);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, KafkaTemplate<String, SpecificRecord> kafka, TransactionTemplate transaction) {
        return new OutboxRelay(jdbc, kafka, transaction);
    }

    @Bean
    ProcessedEvents processedEvents(JdbcClient jdbc) {
        return new ProcessedEvents(jdbc);
    }
}
