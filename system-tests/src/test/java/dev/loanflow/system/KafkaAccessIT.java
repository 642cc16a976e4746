package dev.loanflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.loanflow.events.SubmissionRejected;
import dev.loanflow.infra.Platform;
import dev.loanflow.infra.testdata.TestData;
import dev.loanflow.schemas.EventSerde;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;

/**
 * The broker as a trust boundary: nobody gets in without credentials, each principal may write and read only what
 * the topic catalogue gives it, and an upstream publisher may submit only for the merchants it is bound to.
 */
class KafkaAccessIT {

    private static final byte[] ANYTHING = {0};

    private final Platform platform = SharedPlatform.get();

    @Test
    void aClientWithoutCredentialsGetsNowhere() {
        Map<String, Object> config = Map.of("bootstrap.servers", platform.kafka.bootstrapServers(), "max.block.ms", 3000);

        assertThatThrownBy(() -> send(config, Topic.LIFECYCLE.topicName())).satisfies(failure -> assertThat(causes(failure)).hasAtLeastOneElementOfType(TimeoutException.class));
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = platform.kafka.clientProperties("checkout", "guessed");

        assertThatThrownBy(() -> send(config, UpstreamPublishers.topicOf("checkout")))
                .satisfies(failure -> assertThat(causes(failure)).hasAtLeastOneElementOfType(SaslAuthenticationException.class));
    }

    @Test
    void aPublisherWritesItsOwnTopicOnly() throws Exception {
        Map<String, Object> checkout = platform.kafka.clientProperties("checkout");

        send(checkout, UpstreamPublishers.topicOf("checkout"));
        for (String another : List.of(UpstreamPublishers.topicOf("node-shop"), Topic.BANK_OUTCOMES.topicName(),
                Topic.LIFECYCLE.topicName(), Topic.STATUS.topicName())) {
            assertThatThrownBy(() -> send(checkout, another)).as(another).satisfies(KafkaAccessIT::isDenied);
        }
    }

    @Test
    void aPublisherCannotReadTheLifecycleTopicWithOtherMerchantsData() {
        assertThatThrownBy(() -> read(platform.kafka.clientProperties("checkout"), Topic.LIFECYCLE.topicName()))
                .satisfies(KafkaAccessIT::isDenied);
    }

    @Test
    void aServiceWritesOnlyWhatTheCatalogueSaysItWrites() throws Exception {
        Map<String, Object> gateway = platform.kafka.clientProperties("bank-gateway-service");

        send(gateway, Topic.BANK_REQUESTS.deadLetterTopicName());
        for (String notItsOwn : List.of(Topic.BANK_REQUESTS.topicName(), Topic.LIFECYCLE.topicName(),
                UpstreamPublishers.topicOf("checkout"))) {
            assertThatThrownBy(() -> send(gateway, notItsOwn)).as(notItsOwn).satisfies(KafkaAccessIT::isDenied);
        }
        assertThatThrownBy(() -> read(platform.kafka.clientProperties("notification-service"),
                Topic.BANK_REQUESTS.topicName())).satisfies(KafkaAccessIT::isDenied);
    }

    @Test
    void aSubmissionForAMerchantThePublisherIsNotBoundToIsRejectedAndCreatesNothing() throws Exception {
        String applicationId = "unbound-" + UUID.randomUUID();
        Map<String, Object> config = new HashMap<>(EventSerde.publisherProperties(platform.registry.registryApiUrl()));
        config.putAll(platform.kafka.clientProperties("checkout"));
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(UpstreamPublishers.topicOf("checkout"), applicationId,
                    UpstreamSubmissions.submission(applicationId, "merchant-node", TestData.nationalId()))).get();
        }

        SubmissionRejected rejection;
        try (Topics topics = new Topics(platform)) {
            rejection = (SubmissionRejected) topics.event(
                    topics.await(Topic.REJECTED_SUBMISSIONS.topicName(), applicationId, 1).get(0));
        }
        assertThat(rejection.getViolations()).singleElement()
                .satisfies(violation -> assertThat(violation.getField()).isEqualTo("metadata.merchantId"));
        assertThat(applications(applicationId)).isZero();
    }

    private void send(Map<String, Object> config, String topic) throws Exception {
        Map<String, Object> settings = new HashMap<>(config);
        settings.putIfAbsent("max.block.ms", 10_000);
        settings.put("delivery.timeout.ms", 10_000);
        settings.put("request.timeout.ms", 5_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "access-check", ANYTHING)).get();
        }
    }

    /** Reads partition 0 without a consumer group, so that only the topic's ACLs decide. */
    private void read(Map<String, Object> config, String topic) {
        Map<String, Object> settings = new HashMap<>(config);
        settings.put("default.api.timeout.ms", 10_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            Instant deadline = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500));
            }
        }
    }

    private static void isDenied(Throwable failure) {
        assertThat(causes(failure)).as("denied by an ACL").hasAtLeastOneElementOfType(TopicAuthorizationException.class);
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private long applications(String applicationId) throws Exception {
        return UpstreamSubmissions.count(platform, "select count(*) from origination.loan_application where application_id = ?",
                applicationId);
    }
}
