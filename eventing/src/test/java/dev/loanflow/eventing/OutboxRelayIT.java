package dev.loanflow.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

import dev.loanflow.events.ActorType;
import dev.loanflow.events.ApplicationTimedOut;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.infra.FreePorts;
import dev.loanflow.infra.PostgresServer;
import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.schemas.AvroCodec;
import dev.loanflow.schemas.EventSerde;
import dev.loanflow.schemas.StoredEvents;
import dev.loanflow.schemas.Topic;

/** Invariant: an event committed to the outbox reaches Kafka, in order per application, whatever happens after commit. */
class OutboxRelayIT {

    private static JdbcClient jdbc;
    private static TransactionTemplate transaction;
    private static StoredEvents storedEvents;

    @BeforeAll
    static void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                SharedInfrastructure.postgres().jdbcUrl() + "&currentSchema=outbox_test", PostgresServer.USER, PostgresServer.PASSWORD);
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create schema if not exists outbox_test").update();
        jdbc.sql("drop table if exists outbox_test.outbox").update();
        jdbc.sql(shippedMigration("db/eventing/outbox/V1_1__outbox.sql")).update();
        for (String migration : List.of("V1_2__outbox_parking.sql", "V1_3__outbox_keeps_writer_schema.sql")) {
            for (String statement : shippedMigration("db/eventing/outbox/" + migration).split(";")) {
                if (!statement.replaceAll("(?m)^--.*$", "").isBlank()) {
                    jdbc.sql(statement).update();
                }
            }
        }
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        storedEvents = StoredEvents.withRegistry(SharedInfrastructure.schemaRegistry().registryApiUrl());
        SharedInfrastructure.kafka().createTopics(List.of(Topic.BANK_OUTCOMES.newTopic((short) 1)));
    }

    @Test
    void eventsCommittedBeforeACrashArePublishedByTheNextRelayInOrder() {
        String applicationId = "crash-" + UUID.randomUUID();
        List<ApplicationTimedOut> committed = commitEvents(applicationId, 5);

        new OutboxRelay(jdbc, kafka(SharedInfrastructure.kafka().bootstrapServers()), storedEvents, transaction, TraceContexts.none()).relay();

        assertThat(published(applicationId, 5)).extracting(event -> ((ApplicationTimedOut) event).getMetadata().getEventId())
                .containsExactlyElementsOf(committed.stream().map(event -> event.getMetadata().getEventId()).toList());
        assertThat(outboxRows(applicationId)).isZero();
    }

    @Test
    void aBatchIsSentAtOnceNotAfterTheProducersLinger() {
        String applicationId = "linger-" + UUID.randomUUID();
        commitEvents(applicationId, 3);
        // a producer that would hold records for a minute; the relay waits at most 30 s for its acknowledgements
        KafkaTemplate<String, byte[]> lingering = kafka(SharedInfrastructure.kafka().bootstrapServers(),
                Map.of("linger.ms", 60_000, "delivery.timeout.ms", 120_000));

        new OutboxRelay(jdbc, lingering, storedEvents, transaction, TraceContexts.none()).relay();

        assertThat(outboxRows(applicationId)).isZero();
        assertThat(published(applicationId, 3)).hasSize(3);
    }

    @Test
    void eventsStayInTheOutboxWhileKafkaIsUnreachableAndLeaveOnceItIsBack() {
        String applicationId = "outage-" + UUID.randomUUID();
        commitEvents(applicationId, 3);
        OutboxRelay cutOff = new OutboxRelay(jdbc, kafka("127.0.0.1:" + FreePorts.find()), storedEvents, transaction, TraceContexts.none());

        assertThatThrownBy(cutOff::relay).isInstanceOf(RuntimeException.class);
        assertThat(outboxRows(applicationId)).isEqualTo(3);

        new OutboxRelay(jdbc, kafka(SharedInfrastructure.kafka().bootstrapServers()), storedEvents, transaction, TraceContexts.none()).relay();

        assertThat(published(applicationId, 3)).hasSize(3);
        assertThat(outboxRows(applicationId)).isZero();
    }

    @Test
    void aCommitWakesTheRelayInsteadOfWaitingForItsNextPoll() throws InterruptedException {
        String applicationId = "wake-" + UUID.randomUUID();
        OutboxSignal signal = new OutboxSignal();
        OutboxRelay relay = new OutboxRelay(jdbc, kafka(SharedInfrastructure.kafka().bootstrapServers()), storedEvents, transaction,
                TraceContexts.none(), signal, Duration.ofHours(1));
        relay.start();
        try {
            Thread.sleep(500); // let its first pass find nothing: from then on only a wake-up or the hour-long poll sends
            List<ApplicationTimedOut> committed = commitEvents(applicationId, 2, new JdbcOutbox(jdbc, storedEvents, TraceContexts.none(), signal));

            assertThat(published(applicationId, 2)).hasSize(committed.size());
        } finally {
            relay.stop();
        }
    }

    @Test
    void theRelaysDeleteDoesNotWaitForTheDiskThoughTheSessionDoes() {
        // a session that waits for the disk at commit, as the services' do; a trigger notes what the delete ran with
        DriverManagerDataSource durable = new DriverManagerDataSource(SharedInfrastructure.postgres().jdbcUrl()
                + "&currentSchema=outbox_test&options=-c%20synchronous_commit%3Don", PostgresServer.USER, PostgresServer.PASSWORD);
        JdbcClient durableJdbc = JdbcClient.create(durable);
        durableJdbc.sql("create table if not exists deleted_with (application_id varchar(64), synchronous_commit text)").update();
        durableJdbc.sql("create or replace function note_synchronous_commit() returns trigger language plpgsql as $$ begin "
                + "insert into deleted_with values (old.application_id, current_setting('synchronous_commit')); return old; end $$")
                .update();
        durableJdbc.sql("create or replace trigger note_synchronous_commit before delete on outbox for each row "
                + "execute function note_synchronous_commit()").update();
        String applicationId = "async-delete-" + UUID.randomUUID();
        commitEvents(applicationId, 2);

        new OutboxRelay(durableJdbc, kafka(SharedInfrastructure.kafka().bootstrapServers()), storedEvents,
                new TransactionTemplate(new DataSourceTransactionManager(durable)), TraceContexts.none()).relay();

        assertThat(outboxRows(applicationId)).isZero();
        assertThat(durableJdbc.sql("select synchronous_commit from deleted_with where application_id = ?").param(applicationId)
                .query(String.class).list()).containsExactly("off", "off");
        assertThat(durableJdbc.sql("select current_setting('synchronous_commit')").query(String.class).single()).isEqualTo("on");
    }

    @Test
    void aRelaySendsNothingWhileAnotherInstanceHoldsTheRelayLock() throws SQLException {
        String applicationId = "locked-" + UUID.randomUUID();
        commitEvents(applicationId, 2);
        OutboxRelay relay = new OutboxRelay(jdbc, kafka(SharedInfrastructure.kafka().bootstrapServers()), storedEvents, transaction,
                TraceContexts.none());

        try (Connection otherInstance = DriverManager.getConnection(SharedInfrastructure.postgres().jdbcUrl()
                + "&currentSchema=outbox_test", PostgresServer.USER, PostgresServer.PASSWORD)) {
            otherInstance.setAutoCommit(false);
            otherInstance.createStatement().execute("select pg_advisory_xact_lock(" + OutboxRelay.RELAY_LOCK + ")");

            relay.relay();
            assertThat(outboxRows(applicationId)).isEqualTo(2);

            otherInstance.commit();
        }
        relay.relay();
        assertThat(outboxRows(applicationId)).isZero();
    }

    @Test
    void aTransactionsEventsAreWrittenInOrderWhenItCommitsAndNotAtAllWhenItRollsBack() {
        String applicationId = "together-" + UUID.randomUUID();
        Outbox outbox = new JdbcOutbox(jdbc, storedEvents, TraceContexts.none());
        List<ApplicationTimedOut> committed = List.of(event(applicationId), event(applicationId), event(applicationId));

        transaction.executeWithoutResult(status -> committed.forEach(event -> outbox.append(Topic.BANK_OUTCOMES, applicationId, event)));
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            outbox.append(Topic.BANK_OUTCOMES, applicationId, event(applicationId));
            throw new IllegalStateException("the effect failed after its event was appended");
        })).hasMessageContaining("effect failed");

        assertThat(outboxRows(applicationId)).isEqualTo(3);
        new OutboxRelay(jdbc, kafka(SharedInfrastructure.kafka().bootstrapServers()), storedEvents, transaction, TraceContexts.none()).relay();
        assertThat(published(applicationId, 3)).extracting(event -> ((ApplicationTimedOut) event).getMetadata().getEventId())
                .containsExactlyElementsOf(committed.stream().map(event -> event.getMetadata().getEventId()).toList());
    }

    @Test
    void anEventAppendedAsTheTransactionCommitsAfterItsOtherEventsWereWrittenIsWrittenToo() {
        String applicationId = "late-" + UUID.randomUUID();
        Outbox outbox = new JdbcOutbox(jdbc, storedEvents, TraceContexts.none());

        transaction.executeWithoutResult(status -> {
            outbox.append(Topic.BANK_OUTCOMES, applicationId, event(applicationId));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    outbox.append(Topic.BANK_OUTCOMES, applicationId, event(applicationId));
                }
            });
        });

        assertThat(outboxRows(applicationId)).isEqualTo(2);
    }

    @Test
    void aRowThatCannotBeSentHoldsBackOnlyItsApplicationThenIsParkedAndTheRestGoesOn() {
        String broken = "unreadable-" + UUID.randomUUID();
        String other = "flowing-" + UUID.randomUUID();
        transaction.executeWithoutResult(status -> jdbc.sql("insert into outbox (application_id, topic, event_type, "
                        + "payload) values (?, ?, 'ApplicationTimedOut', ?)")
                .params(broken, Topic.BANK_OUTCOMES.topicName(), "written by a schema long gone".getBytes(StandardCharsets.UTF_8))
                .update());
        List<ApplicationTimedOut> after = commitEvents(broken, 1);
        commitEvents(other, 1);
        OutboxRelay relay = new OutboxRelay(jdbc, kafka(SharedInfrastructure.kafka().bootstrapServers()), storedEvents, transaction,
                TraceContexts.none());
        ParkedEvents parked = new ParkedEvents(jdbc);

        relay.relay();

        assertThat(published(other, 1)).as("another application's event").hasSize(1);
        assertThat(outboxRows(broken)).as("the failing row and the one behind it").isEqualTo(2);
        assertThat(parked.list()).noneMatch(row -> row.applicationId().equals(broken));

        for (int attempt = 2; attempt <= OutboxRelay.ATTEMPTS_BEFORE_PARKING; attempt++) {
            relay.relay();
        }
        relay.relay(); // the first after the parking

        assertThat(published(broken, 1)).extracting(event -> ((ApplicationTimedOut) event).getMetadata().getEventId())
                .containsExactly(after.get(0).getMetadata().getEventId());
        ParkedEvents.Parked row = parked.list().stream().filter(p -> p.applicationId().equals(broken)).findFirst().orElseThrow();
        assertThat(row.attempts()).isEqualTo(OutboxRelay.ATTEMPTS_BEFORE_PARKING);
        assertThat(row.lastError()).isNotBlank();
        assertThat(parked.release(row.id())).isTrue();
        assertThat(parked.list()).noneMatch(p -> p.id() == row.id());
        assertThat(parked.release(row.id())).as("a row no longer parked").isFalse();
        jdbc.sql("delete from outbox where application_id = ?").param(broken).update();
    }

    @Test
    void aRowWrittenWithAnEarlierSchemaIsSentAsWrittenAndReadWithTodaysClass() {
        String applicationId = "earlier-schema-" + UUID.randomUUID();
        ApplicationTimedOut today = event(applicationId);
        byte[] written = withEarlierSchema(today);
        assertThat(schemaId(written)).as("the earlier schema's own registry id")
                .isNotEqualTo(schemaId(storedEvents.encode(today)));
        insertRow(applicationId, written);

        new OutboxRelay(jdbc, kafka(SharedInfrastructure.kafka().bootstrapServers()), storedEvents, transaction,
                TraceContexts.none()).relay();

        ApplicationTimedOut read = (ApplicationTimedOut) published(applicationId, 1).get(0);
        assertThat(read.getMetadata().getEventId()).isEqualTo(today.getMetadata().getEventId());
        assertThat(read.getMetadata().getCausationId()).as("a field the earlier schema lacked").isNull();
        assertThat(read.getTimeToLive()).isEqualTo(today.getTimeToLive());
        assertThat(storedEvents.decode(ApplicationTimedOut.class, written)).usingRecursiveComparison().isEqualTo(read);
    }

    @Test
    void aRowStoredBeforeRowsKeptTheirSchemaIsStillSentAndRead() {
        String applicationId = "legacy-" + UUID.randomUUID();
        ApplicationTimedOut event = event(applicationId);
        byte[] plain = AvroCodec.encode(event);
        byte[] marked = new byte[plain.length + 1];
        marked[0] = (byte) 0xFF; // the mark the migration gave rows stored as plain Avro binary
        System.arraycopy(plain, 0, marked, 1, plain.length);
        insertRow(applicationId, marked);

        new OutboxRelay(jdbc, kafka(SharedInfrastructure.kafka().bootstrapServers()), storedEvents, transaction,
                TraceContexts.none()).relay();

        assertThat(published(applicationId, 1)).singleElement().usingRecursiveComparison().isEqualTo(event);
        assertThat(storedEvents.decode(ApplicationTimedOut.class, marked)).usingRecursiveComparison().isEqualTo(event);
    }

    /** The event in the wire format of a version of its schema before {@code EventMetadata.causationId} was added. */
    private static byte[] withEarlierSchema(ApplicationTimedOut event) {
        Schema today = ApplicationTimedOut.getClassSchema();
        Schema metadataToday = today.getField("metadata").schema();
        Schema metadataEarlier = Schema.createRecord(metadataToday.getName(), metadataToday.getDoc(),
                metadataToday.getNamespace(), false, metadataToday.getFields().stream()
                        .filter(field -> !field.name().equals("causationId"))
                        .map(field -> new Schema.Field(field, field.schema())).toList());
        Schema earlier = Schema.createRecord(today.getName(), today.getDoc(), today.getNamespace(), false,
                today.getFields().stream().map(field -> new Schema.Field(field,
                        field.name().equals("metadata") ? metadataEarlier : field.schema())).toList());
        EventMetadata metadata = event.getMetadata();
        GenericRecord earlierMetadata = new GenericRecordBuilder(metadataEarlier)
                .set("eventId", metadata.getEventId()).set("applicationId", metadata.getApplicationId())
                .set("merchantId", metadata.getMerchantId()).set("occurredAt", metadata.getOccurredAt().toEpochMilli())
                .set("correlationId", metadata.getCorrelationId()).build();
        GenericRecord record = new GenericRecordBuilder(earlier).set("metadata", earlierMetadata)
                .set("detectedBy", new GenericData.EnumSymbol(earlier.getField("detectedBy").schema(),
                        event.getDetectedBy().name()))
                .set("timeToLive", event.getTimeToLive().toEpochMilli()).build();
        try (AvroKafkaSerializer<GenericRecord> serializer = new AvroKafkaSerializer<>()) {
            serializer.configure(EventSerde.producerProperties(SharedInfrastructure.schemaRegistry().registryApiUrl()), false);
            return serializer.serialize(Topic.BANK_OUTCOMES.topicName(), record);
        }
    }

    private static int schemaId(byte[] wire) {
        return ByteBuffer.wrap(wire, 1, 4).getInt();
    }

    private static void insertRow(String applicationId, byte[] payload) {
        jdbc.sql("insert into outbox (application_id, topic, event_type, payload) values (?, ?, ?, ?)")
                .params(applicationId, Topic.BANK_OUTCOMES.topicName(), ApplicationTimedOut.class.getName(), payload)
                .update();
    }

    private static List<ApplicationTimedOut> commitEvents(String applicationId, int count) {
        return commitEvents(applicationId, count, new JdbcOutbox(jdbc, storedEvents, TraceContexts.none()));
    }

    private static List<ApplicationTimedOut> commitEvents(String applicationId, int count, Outbox outbox) {
        List<ApplicationTimedOut> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApplicationTimedOut event = event(applicationId);
            events.add(event);
            transaction.executeWithoutResult(status -> outbox.append(Topic.BANK_OUTCOMES, applicationId, event));
        }
        return events;
    }

    private static ApplicationTimedOut event(String applicationId) {
        return ApplicationTimedOut.newBuilder()
                .setMetadata(new EventMetadata(UUID.randomUUID().toString(), applicationId, "merchant", Instant.now(),
                        applicationId, null))
                .setDetectedBy(ActorType.SYSTEM).setTimeToLive(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    private static int outboxRows(String applicationId) {
        return jdbc.sql("select count(*) from outbox where application_id = ?").param(applicationId).query(Integer.class).single();
    }

    private static KafkaTemplate<String, byte[]> kafka(String bootstrapServers) {
        return kafka(bootstrapServers, Map.of());
    }

    private static KafkaTemplate<String, byte[]> kafka(String bootstrapServers, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(EventSerde.producerProperties(
                SharedInfrastructure.schemaRegistry().registryApiUrl()));
        config.put("bootstrap.servers", bootstrapServers);
        config.put("value.serializer", ByteArraySerializer.class.getName());
        config.put("acks", "all");
        config.put("max.block.ms", 2_000);
        config.put("delivery.timeout.ms", 3_000);
        config.put("request.timeout.ms", 1_000);
        config.putAll(overrides);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    private static List<SpecificRecord> published(String applicationId, int expected) {
        Map<String, Object> config = new HashMap<>(EventSerde.consumerProperties(
                SharedInfrastructure.schemaRegistry().registryApiUrl()));
        config.put("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
        config.put("group.id", "outbox-check-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        List<SpecificRecord> found = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topic.BANK_OUTCOMES.topicName()));
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(300))) {
                    if (applicationId.equals(record.key())) {
                        found.add(record.value());
                    }
                }
            }
        }
        return found;
    }


    /** The table as this module ships it to every service, not a copy of it. */
    private static String shippedMigration(String resource) {
        try (var in = OutboxRelayIT.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
