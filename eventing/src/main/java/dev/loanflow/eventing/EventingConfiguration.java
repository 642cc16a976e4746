package dev.loanflow.eventing;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

import dev.loanflow.schemas.StoredEvents;

/**
 * The outbox and its relay, plus everything in {@link ConsumerConfiguration}, for a service whose schema has the
 * {@code outbox} and {@code processed_event} tables. Import it from the service's configuration.
 */
@Configuration(proxyBeanMethods = false)
@Import({ConsumerConfiguration.class, ParkedEventsController.class})
@EnableScheduling
public class EventingConfiguration {

    @Bean
    TraceContexts traceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer available = tracer.getIfAvailable();
        return available == null ? TraceContexts.none() : new TraceContexts(available, propagator.getObject());
    }

    @Bean
    OutboxSignal outboxSignal() {
        return new OutboxSignal();
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, StoredEvents storedEvents, TraceContexts traces, OutboxSignal signal) {
        return new JdbcOutbox(jdbc, storedEvents, traces, signal);
    }

    /** The relay has a producer of its own: the services' settings, carrying the stored bytes as they are. */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    OutboxRelay outboxRelay(JdbcClient jdbc, ProducerFactory<?, ?> producers, StoredEvents storedEvents,
                            TransactionTemplate transaction, TraceContexts traces, OutboxSignal signal,
                            ObjectProvider<ObservationRegistry> observations,
                            @Value("${loanflow.outbox.poll-interval:250ms}") Duration pollInterval) {
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>((ProducerFactory) producers,
                Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        kafka.setObservationEnabled(true);
        kafka.setObservationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        return new OutboxRelay(jdbc, kafka, storedEvents, transaction, traces, signal, pollInterval);
    }

    @Bean
    ParkedEvents parkedEvents(JdbcClient jdbc) {
        return new ParkedEvents(jdbc);
    }

    /** Events committed but not yet on Kafka, which should stay near zero, and events parked, which should be none. */
    @Bean
    MeterBinder outboxGauges(JdbcClient jdbc, ParkedEvents parked) {
        return registry -> {
            Gauge.builder("loanflow.outbox.backlog",
                            () -> jdbc.sql("select count(*) from outbox where parked_at is null").query(Long.class).single())
                    .description("events committed to the outbox and not yet acknowledged by Kafka").register(registry);
            Gauge.builder("loanflow.outbox.parked", parked::count)
                    .description("events the relay could not send and parked for an operator").register(registry);
        };
    }

}
