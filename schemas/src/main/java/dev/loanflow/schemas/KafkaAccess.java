package dev.loanflow.schemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the broker: a SCRAM principal for each service and each upstream publisher, and ACLs that let
 * each write only the topics the catalogue says it writes (and the dead-letter topics of those it reads), read only
 * those it reads, in its own consumer group. Everything else is denied (the broker runs with
 * {@code allow.everyone.if.no.acl.found=false}); only the broker's own administrator is a super user.
 * <p>
 * The deploy step that makes the topics and applies these (idempotent; passwords from {@code KAFKA_PASSWORD_<PRINCIPAL>}, e.g.
 * {@code KAFKA_PASSWORD_ORIGINATION_SERVICE}):
 * {@code java -cp … dev.loanflow.schemas.KafkaAccess} with {@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_ADMIN_PASSWORD}
 * and {@code UPSTREAM_PUBLISHERS}.
 */
public final class KafkaAccess {

    public static final String ADMIN = "admin";
    public static final List<String> SERVICES = List.of("origination-service", "bank-gateway-service", "notification-service");
    private static final int ITERATIONS = 8192;

    private KafkaAccess() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> environment = System.getenv();
        UpstreamPublishers publishers = UpstreamPublishers.parse(required(environment, "UPSTREAM_PUBLISHERS"));
        Map<String, String> passwords = new LinkedHashMap<>();
        principals(publishers).forEach(principal -> passwords.put(principal, required(environment, passwordVariable(principal))));
        prepare(adminProperties(required(environment, "KAFKA_BOOTSTRAP_SERVERS"), required(environment, "KAFKA_ADMIN_PASSWORD")),
                passwords::get, publishers);
        System.out.println("topics made; Kafka access granted to " + passwords.keySet());
    }

    /** The environment variable the deploy step reads a principal's password from. */
    public static String passwordVariable(String principal) {
        return "KAFKA_PASSWORD_" + principal.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public static List<String> principals(UpstreamPublishers publishers) {
        List<String> principals = new ArrayList<>(SERVICES);
        principals.addAll(publishers.names());
        return principals;
    }

    /** A fresh single-broker cluster made ready: every topic with its dead-letter topic, every principal and its ACLs. */
    public static void prepare(Map<String, Object> adminProperties, UnaryOperator<String> passwordOf, UpstreamPublishers publishers) {
        try (Admin admin = Admin.create(adminProperties)) {
            admin.createTopics(Topic.withDeadLetters((short) 1, publishers)).values().values().forEach(KafkaAccess::existingOrCreated);
        }
        grant(adminProperties, passwordOf, publishers);
    }

    private static void existingOrCreated(KafkaFuture<Void> creation) {
        try {
            creation.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("topic not created", e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("topic not created", e);
        }
    }

    /** Creates (or updates) every principal's SCRAM credential and adds its ACLs; running it again changes nothing. */
    public static void grant(Map<String, Object> adminProperties, UnaryOperator<String> passwordOf, UpstreamPublishers publishers) {
        try (Admin admin = Admin.create(adminProperties)) {
            admin.alterUserScramCredentials(principals(publishers).stream()
                    .map(principal -> (UserScramCredentialAlteration) new UserScramCredentialUpsertion(
                            principal, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), passwordOf.apply(principal)))
                    .toList()).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls(publishers)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka access not granted", e);
        }
    }

    /** Every principal's ACLs, from the topic catalogue. */
    public static List<AclBinding> acls(UpstreamPublishers publishers) {
        List<AclBinding> acls = new ArrayList<>();
        for (String service : SERVICES) {
            Set<String> reads = new LinkedHashSet<>();
            Set<String> writes = new LinkedHashSet<>();
            for (Topic topic : Topic.values()) {
                if (topic.readers().contains(service)) {
                    reads.addAll(topic.topicNames(publishers));
                    topic.topicNames(publishers).forEach(name -> writes.add(name + Topic.DEAD_LETTER_SUFFIX));
                }
                if (topic.writers().contains(service)) {
                    writes.addAll(topic.topicNames(publishers));
                }
            }
            // a service creates the topics it writes and the dead-letter topics of those it reads, and may create
            // the topics it reads (origination creates the publishers' topics)
            reads.forEach(name -> allow(acls, service, ResourceType.TOPIC, name, PatternType.LITERAL,
                    AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE));
            writes.forEach(name -> allow(acls, service, ResourceType.TOPIC, name, PatternType.LITERAL,
                    AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE));
            allow(acls, service, ResourceType.GROUP, service, PatternType.LITERAL, AclOperation.READ);
        }
        for (String publisher : publishers.names()) {
            allow(acls, publisher, ResourceType.TOPIC, UpstreamPublishers.topicOf(publisher), PatternType.LITERAL,
                    AclOperation.WRITE, AclOperation.DESCRIBE);
            for (Topic topic : Topic.values()) {
                if (topic.readers().contains("upstream systems")) {
                    allow(acls, publisher, ResourceType.TOPIC, topic.topicName(), PatternType.LITERAL,
                            AclOperation.READ, AclOperation.DESCRIBE);
                }
            }
            allow(acls, publisher, ResourceType.GROUP, publisher + "-", PatternType.PREFIXED, AclOperation.READ);
        }
        return acls;
    }

    private static void allow(List<AclBinding> acls, String principal, ResourceType type, String name, PatternType pattern,
                              AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW)));
        }
    }

    /** The broker administrator's settings (SASL PLAIN: its password is in the broker's configuration). */
    public static Map<String, Object> adminProperties(String bootstrapServers, String password) {
        return Map.of("bootstrap.servers", bootstrapServers, "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + password + "\";");
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }
}
