package dev.loanflow.schemas;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;

import dev.loanflow.events.ApplicationCancelled;
import dev.loanflow.events.ApplicationFailed;
import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.ApplicationTimedOut;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.BankApproved;
import dev.loanflow.events.BankRejected;
import dev.loanflow.events.LifecycleAnomaly;
import dev.loanflow.events.PreApprovalDeclined;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;
import dev.loanflow.events.RefundAnomalyReported;
import dev.loanflow.events.RefundFailed;
import dev.loanflow.events.RefundRequested;
import dev.loanflow.events.Refunded;
import dev.loanflow.events.SubmissionRejected;

/**
 * The topic catalogue: every topic of the platform, its record types, and who writes and reads it.
 * Every record key is the application id, so all events of one application stay in order on one partition.
 */
public enum Topic {

    SUBMISSIONS("loan.applications.submitted.v1", 6, CleanupPolicy.DELETE,
            "upstream systems", "origination-service",
            List.of(ApplicationSubmitted.class)),
    REJECTED_SUBMISSIONS("loan.applications.rejected.v1", 3, CleanupPolicy.DELETE,
            "origination-service", "upstream systems, ops",
            List.of(SubmissionRejected.class)),
    BANK_REQUESTS("loan.bank.requests.v1", 24, CleanupPolicy.DELETE,
            "origination-service", "bank-gateway-service",
            List.of(PreApprovalRequested.class, BankApplicationRequested.class, RefundRequested.class)),
    BANK_OUTCOMES("loan.bank.outcomes.v1", 6, CleanupPolicy.DELETE,
            "bank-gateway-service", "origination-service",
            List.of(PreApproved.class, PreApprovalDeclined.class, BankApplicationCreated.class, BankApproved.class,
                    BankRejected.class, ApplicationCancelled.class, ApplicationFailed.class, ApplicationTimedOut.class,
                    Refunded.class, RefundFailed.class, RefundAnomalyReported.class)),
    LIFECYCLE("loan.applications.lifecycle.v1", 6, CleanupPolicy.DELETE,
            "origination-service", "notification-service, ops",
            List.of(ApplicationStatusChanged.class)),
    STATUS("loan.applications.status.v1", 6, CleanupPolicy.COMPACT,
            "origination-service", "upstream systems, ops dashboards (latest status per application)",
            List.of(ApplicationStatusChanged.class)),
    ANOMALIES("loan.applications.anomalies.v1", 3, CleanupPolicy.DELETE,
            "origination-service", "ops",
            List.of(LifecycleAnomaly.class));

    /** Suffix of the dead-letter topic each consumer of a topic writes unprocessable records to. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private final String topicName;
    private final int partitions;
    private final CleanupPolicy cleanupPolicy;
    private final String writers;
    private final String readers;
    private final List<Class<? extends SpecificRecord>> recordTypes;

    Topic(String topicName, int partitions, CleanupPolicy cleanupPolicy, String writers, String readers,
          List<Class<? extends SpecificRecord>> recordTypes) {
        this.topicName = topicName;
        this.partitions = partitions;
        this.cleanupPolicy = cleanupPolicy;
        this.writers = writers;
        this.readers = readers;
        this.recordTypes = recordTypes;
    }

    /** The topic's name; for the submissions, the prefix of each publisher's own topic ({@link UpstreamPublishers}). */
    public String topicName() {
        return topicName;
    }

    /** As the catalogue names it: each upstream publisher writes submissions to a topic of its own. */
    public String catalogueName() {
        return this == SUBMISSIONS ? topicName + ".<publisher>" : topicName;
    }

    /** The topics of this entry: one per publisher for the submissions, else the one. */
    public List<String> topicNames(UpstreamPublishers publishers) {
        return this == SUBMISSIONS ? publishers.topicNames() : List.of(topicName);
    }

    public String deadLetterTopicName() {
        return topicName + DEAD_LETTER_SUFFIX;
    }

    public int partitions() {
        return partitions;
    }

    public CleanupPolicy cleanupPolicy() {
        return cleanupPolicy;
    }

    public String writers() {
        return writers;
    }

    public String readers() {
        return readers;
    }

    public List<Class<? extends SpecificRecord>> recordTypes() {
        return recordTypes;
    }

    /** The topic as the Kafka admin client creates it. */
    public NewTopic newTopic(short replicationFactor) {
        requireOneTopic();
        return new NewTopic(topicName, partitions, replicationFactor).configs(config());
    }

    /** The dead-letter topic of this topic's consumers: same partitions, so a record keeps its partition. */
    public NewTopic newDeadLetterTopic(short replicationFactor) {
        requireOneTopic();
        return deadLetterTopic(deadLetterTopicName(), replicationFactor);
    }

    private void requireOneTopic() {
        if (this == SUBMISSIONS) {
            throw new IllegalStateException("each upstream publisher has its own submissions topic: use newTopics");
        }
    }

    /** This entry's topics (one per publisher for the submissions), and with {@code deadLetters} their dead-letter topics. */
    public List<NewTopic> newTopics(short replicationFactor, UpstreamPublishers publishers, boolean deadLetters) {
        return topicNames(publishers).stream()
                .flatMap(name -> {
                    NewTopic topic = new NewTopic(name, partitions, replicationFactor).configs(config());
                    return deadLetters ? Stream.of(topic, deadLetterTopic(name + DEAD_LETTER_SUFFIX, replicationFactor))
                            : Stream.of(topic);
                })
                .toList();
    }

    private NewTopic deadLetterTopic(String name, short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor)
                .configs(Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(30L * 24 * 3600 * 1000)));
    }

    /** The name of every topic of the catalogue, and with {@code deadLetters} of every dead-letter topic. */
    public static List<String> allNames(UpstreamPublishers publishers, boolean deadLetters) {
        return Arrays.stream(values()).flatMap(topic -> topic.topicNames(publishers).stream())
                .flatMap(name -> deadLetters ? Stream.of(name, name + DEAD_LETTER_SUFFIX) : Stream.of(name)).toList();
    }

    /** Every topic of the catalogue and its dead-letter topic, as a fresh cluster needs them. */
    public static List<NewTopic> withDeadLetters(short replicationFactor, UpstreamPublishers publishers) {
        return Arrays.stream(values())
                .flatMap(topic -> topic.newTopics(replicationFactor, publishers, true).stream())
                .toList();
    }

    /** Topic-level configuration to create the topic with. */
    public Map<String, String> config() {
        return cleanupPolicy == CleanupPolicy.COMPACT
                ? Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.1", "segment.ms", "3600000")
                : Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(7L * 24 * 3600 * 1000));
    }

    public enum CleanupPolicy {
        DELETE, COMPACT
    }
}
