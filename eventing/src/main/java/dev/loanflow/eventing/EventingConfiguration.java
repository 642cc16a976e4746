package dev.loanflow.eventing;

import org.apache.avro.specific.SpecificRecord;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox and its relay, plus everything in {@link ConsumerConfiguration}, for a service whose schema has the
 * {@code outbox} and {@code processed_event} tables. Import it from the service's configuration.
 */
@Configuration(proxyBeanMethods = false)
@Import(ConsumerConfiguration.class)
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

    /** Events committed but not yet on Kafka; it should stay near zero. */
    @Bean
    MeterBinder outboxBacklog(JdbcClient jdbc) {
        return registry -> Gauge.builder("loanflow.outbox.backlog",
                        () -> jdbc.sql("select count(*) from outbox").query(Long.class).single())
                .description("events committed to the outbox and not yet acknowledged by Kafka").register(registry);
    }

}
