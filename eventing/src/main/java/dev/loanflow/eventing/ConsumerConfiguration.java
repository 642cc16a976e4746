package dev.loanflow.eventing;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every consuming service needs: consumed-event deduplication, a poll per transaction, and health of Kafka and
 * the registry.
 */
@Configuration(proxyBeanMethods = false)
public class ConsumerConfiguration {

    @Bean
    ConsumedEvents consumedEvents(JdbcClient jdbc, TransactionTemplate transaction) {
        return new JdbcConsumedEvents(jdbc, transaction);
    }

    @Bean
    EventMetadataFactory eventMetadataFactory(ObjectProvider<Clock> clock) {
        return new EventMetadataFactory(clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    PollTransactions pollTransactions(TransactionTemplate transaction, ObjectProvider<TraceContexts> traces) {
        return new PollTransactions(transaction, traces.getIfAvailable(TraceContexts::none));
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return InfrastructureHealth.kafka(kafkaAdmin);
    }

    @Bean
    HealthIndicator schemaRegistryHealthIndicator(@Value("${loanflow.schema-registry.url}") String registryUrl) {
        return InfrastructureHealth.schemaRegistry(registryUrl);
    }
}
