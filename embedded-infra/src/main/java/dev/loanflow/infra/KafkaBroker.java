package dev.loanflow.infra;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), running the
 * broker code from Maven Central inside this JVM.
 */
public final class KafkaBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private KafkaBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    public static KafkaBroker start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.kafkaPorts(FreePorts.orFree(port));
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "6",
                "log.dir", TempDirectories.create("kafka-logs").toString()));
        broker.afterPropertiesSet();
        return new KafkaBroker(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(topics).values().values().forEach(KafkaBroker::awaitIgnoringExisting);
        }
    }

    private static void awaitIgnoringExisting(org.apache.kafka.common.KafkaFuture<Void> creation) {
        try {
            creation.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("topic creation failed", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
