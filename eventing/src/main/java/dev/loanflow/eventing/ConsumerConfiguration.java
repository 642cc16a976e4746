package dev.loanflow.eventing;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.support.TransactionTemplate;

import dev.loanflow.schemas.StoredEvents;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * What every consuming service needs: consumed-event deduplication, a poll per transaction, health of Kafka and the
 * registry, and its dead letters for operators ({@code /ops/dead-letters}).
 */
@Configuration(proxyBeanMethods = false)
@Import(DeadLetterController.class)
public class ConsumerConfiguration {

    /**
     * The topics this service reads, by the catalogue's readers, whose dead letters it may replay: for the submissions,
     * each upstream publisher's topic.
     */
    @Bean
    DeadLetterReplay deadLetterReplay(KafkaProperties kafka, PersonalDataSealer sealer,
                                      @Value("${spring.application.name}") String service,
                                      ObjectProvider<UpstreamPublishers> publishers) {
        UpstreamPublishers upstream = publishers.getIfAvailable(UpstreamPublishers::none);
        return new DeadLetterReplay(kafka.buildConsumerProperties(null), kafka.buildProducerProperties(null), sealer,
                Arrays.stream(Topic.values()).filter(topic -> topic.readers().contains(service))
                        .flatMap(topic -> topic.topicNames(upstream).stream()).toList());
    }

    /** Events in the bytes Kafka carries, for tables and dead letters; the serde is configured as the clients' is. */
    @Bean
    StoredEvents storedEvents(KafkaProperties kafka) {
        Map<String, Object> serde = new HashMap<>(kafka.buildProducerProperties(null));
        serde.putAll(kafka.buildConsumerProperties(null));
        return new StoredEvents(serde);
    }

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
