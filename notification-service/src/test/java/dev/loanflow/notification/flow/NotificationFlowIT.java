package dev.loanflow.notification.flow;

import dev.loanflow.infra.testdata.TestData;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;

import dev.loanflow.eventing.DeadLetters;
import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.Installment;
import dev.loanflow.events.Language;
import dev.loanflow.events.PaymentPlan;
import dev.loanflow.events.SealedCustomer;
import dev.loanflow.infra.FreePorts;
import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.infra.spring.ServiceIntegrationTest;
import dev.loanflow.infra.spring.ServiceSmokeChecks;
import dev.loanflow.infra.testdata.TestClients;
import dev.loanflow.notification.delivery.Channel;
import dev.loanflow.notification.delivery.Deliveries;
import dev.loanflow.notification.delivery.DeliverySettings;
import dev.loanflow.notification.delivery.DispatchingDeliveries;
import dev.loanflow.notification.channel.CallbackAddressPolicy;
import dev.loanflow.notification.channel.EmailSender;
import dev.loanflow.notification.channel.SmsSender;
import dev.loanflow.notification.channel.WebhookSender;
import dev.loanflow.schemas.EventSerde;
import dev.loanflow.schemas.StoredEvents;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

class NotificationFlowIT extends ServiceIntegrationTest implements ServiceSmokeChecks {

    private static final String MERCHANT = "merchant-a";
    private static final String KEY = TestData.randomKey();
    private static final PersonalDataSealer SEALER = PersonalDataSealer.withBase64Keys("test", Map.of("test", KEY));
    private static final String WEBHOOK_SECRET = "whsec_" + TestData.randomKey();
    private static final GreenMail SMTP = startSmtp();
    private static final LoopbackServer OUTSIDE = new LoopbackServer();

    @Autowired
    private DataSource dataSource;
    @Autowired
    private DeliverySettings deliverySettings;
    @Autowired
    private Deliveries deliveries;
    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void notification(DynamicPropertyRegistry registry) {
        SharedInfrastructure.kafka().createTopics(Topic.withDeadLetters((short) 1, UpstreamPublishers.none()));
        registry.add("loanflow.personal-data.active-key-id", () -> "test");
        registry.add("loanflow.personal-data.keys.test", () -> KEY);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("loanflow.sms.provider", () -> "http");
        registry.add("loanflow.sms.url", () -> OUTSIDE.url("/sms"));
        registry.add("loanflow.sms.api-key", () -> "sms-test-key");
        registry.add("loanflow.webhooks.secrets", () -> MERCHANT + "=" + WEBHOOK_SECRET);
        registry.add("loanflow.webhooks.allow-private-network", () -> "true");
        registry.add("loanflow.webhooks.timeout", () -> "10s");
        registry.add("loanflow.delivery.poll-interval", () -> "100ms");
        registry.add("loanflow.delivery.retry-delays", () -> "300ms,300ms");
    }

    @Override
    public String databaseSchema() {
        return "notification";
    }

    @Override
    public java.util.Set<String> topicsItOwns() {
        return java.util.Set.of(Topic.LIFECYCLE.deadLetterTopicName());
    }

    @Test
    void dueDeliveriesAreFoundThroughTheirIndexNotByReadingTheWholeTable() throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("set enable_seqscan = off");
            String due = Deliveries.DUE.replace("?", "20");
            try (ResultSet rows = statement.executeQuery("explain " + due)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
        }
        assertThat(plan.toString()).contains("delivery_due").doesNotContain("Seq Scan");
    }

    @Test
    void anAttemptMadeUnderALeaseAnotherInstanceTookOverIsNotRecorded() {
        Lifecycle dispatcher = (Lifecycle) context.getBean("dispatchingDeliveries");
        dispatcher.stop();
        try {
            String eventId = UUID.randomUUID().toString();
            // a lease of no time at all: due at once, as a delivery whose instance stopped before sending it
            deliveries.enqueueLeased(List.of(new Deliveries.Planned(eventId, "fencing-" + eventId, MERCHANT,
                    Channel.WEBHOOK, "merchant", null, "http://127.0.0.1:9/unused", null, "{}", null)), Duration.ZERO);
            // a lease of no time at all runs out at once, as a slow batch's would: the second claim is another instance's
            Deliveries.Delivery slow = claimed(deliveries.claimDue(1000, Duration.ZERO), eventId);
            Deliveries.Delivery takenOver = claimed(deliveries.claimDue(1000, Duration.ZERO), eventId);

            int late = deliveries.recordAttempts(List.of(new Deliveries.AttemptMade(slow.id(), 1, "DELIVERED", "slow",
                    "DELIVERED", null, Instant.now(), slow.leaseVersion())));
            int current = deliveries.recordAttempts(List.of(new Deliveries.AttemptMade(takenOver.id(), 1, "RETRY",
                    "taken over", "RETRYING", "answered 503", Instant.now().plusSeconds(3600), takenOver.leaseVersion())));

            assertThat(takenOver.leaseVersion()).isGreaterThan(slow.leaseVersion());
            assertThat(late).as("the slow batch's attempt").isZero();
            assertThat(current).isOne();
            assertThat(deliveries.attempts(slow.id())).extracting(Deliveries.Attempt::detail).containsExactly("taken over");
            assertThat(deliveries.find(slow.id()).orElseThrow().status()).isEqualTo("RETRYING");
        } finally {
            dispatcher.start();
        }
    }

    /**
     * Two instances send one application's webhooks, each in batches slower than their lease (each webhook takes
     * 300 ms, a batch claims 20, a lease lasts 5 s): a batch stops sending while enough of its lease is left, the
     * other instance takes over the rest once the lease runs out, and every webhook is sent exactly once.
     */
    @Test
    void twoInstancesWithBatchesSlowerThanTheirLeaseSendEveryWebhookOnce() throws Exception {
        Lifecycle dispatcher = (Lifecycle) context.getBean("dispatchingDeliveries");
        dispatcher.stop();
        String eventId = UUID.randomUUID().toString();
        String path = "/hooks/two-instances";
        OUTSIDE.slow(path, Duration.ofMillis(300));
        List<Deliveries.Planned> planned = new ArrayList<>();
        for (int webhook = 0; webhook < 24; webhook++) {
            planned.add(new Deliveries.Planned(eventId + "-" + webhook, "two-instances-" + eventId, MERCHANT,
                    Channel.WEBHOOK, "merchant", null, OUTSIDE.url(path), null, "{}", null));
        }
        deliveries.enqueueLeased(planned, Duration.ZERO);
        List<DispatchingDeliveries> instances = List.of(instance(), instance());
        long delivered = 0;
        try {
            instances.forEach(DispatchingDeliveries::start);
            long deadline = System.currentTimeMillis() + 30_000;
            while (delivered < planned.size() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                delivered = deliveries(planned.get(0).applicationId()).findValuesAsText("status").stream()
                        .filter("DELIVERED"::equals).count();
            }
        } finally {
            instances.forEach(DispatchingDeliveries::stop);
            dispatcher.start();
        }

        Map<String, Long> sendsByWebhook = OUTSIDE.at(path).stream().collect(Collectors.groupingBy(
                received -> received.header("webhook-id"), Collectors.counting()));
        assertThat(sendsByWebhook).allSatisfy((webhook, sends) -> assertThat(sends).as("sends of webhook " + webhook)
                .isOne());
        assertThat(sendsByWebhook).hasSize(planned.size());
        assertThat(delivered).isEqualTo(planned.size());
    }

    /**
     * A delivery planned in a transaction is sent once that commits, by the instance that planned it, without a claim:
     * this instance claims only when it starts, before the delivery exists, and the service's own dispatcher could
     * claim it only once its lease of 5 s ran out.
     */
    @Test
    void aPlannedDeliveryIsSentWhenItsTransactionCommitsWithoutWaitingForAClaim() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String path = "/hooks/handed-over";
        DispatchingDeliveries instance = instance(Duration.ofHours(1));
        instance.start();
        List<LoopbackServer.Received> sent;
        try {
            context.getBean(TransactionTemplate.class).executeWithoutResult(planning -> {
                instance.enqueue(List.of(new Deliveries.Planned(eventId, "handed-over-" + eventId, MERCHANT,
                        Channel.WEBHOOK, "merchant", null, OUTSIDE.url(path), null, "{}", null)));
                assertThat(OUTSIDE.at(path)).as("nothing is sent before the commit").isEmpty();
            });
            long deadline = System.currentTimeMillis() + 3_000;
            while ((sent = OUTSIDE.at(path)).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            instance.stop();
        }

        assertThat(sent).as("sent within the lease, so not by a claim").hasSize(1);
        Deliveries.Delivery delivery = deliveries.ofApplication(MERCHANT, "handed-over-" + eventId).get(0);
        assertThat(delivery.leaseVersion()).as("never claimed").isOne();
        assertThat(delivery.status()).isEqualTo("DELIVERED");
    }

    /** Another instance of the dispatcher, with a lease of 5 s of which the last 2 s are never used for sending. */
    private DispatchingDeliveries instance() {
        return instance(Duration.ofMillis(100));
    }

    private DispatchingDeliveries instance(Duration pollInterval) {
        WebhookSender webhooks = new WebhookSender(Duration.ofMillis(900), new CallbackAddressPolicy(true),
                Map.of(MERCHANT, WEBHOOK_SECRET), Clock.systemUTC());
        return new DispatchingDeliveries(deliveries, context.getBean(EmailSender.class), context.getBean(SmsSender.class),
                webhooks, SEALER, new DeliverySettings(List.of(Duration.ofMillis(300)), 1),
                new SimpleMeterRegistry(), Clock.systemUTC(), pollInterval, Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofMillis(50));
    }

    private static Deliveries.Delivery claimed(List<Deliveries.Delivery> claimed, String eventId) {
        return claimed.stream().filter(delivery -> delivery.eventId().equals(eventId)).findFirst().orElseThrow();
    }

    @Test
    void approvalEmailInTurkishCarriesTheAmountsAndThePlanAndIsKeptSealed() throws Exception {
        String email = uniqueEmail();
        ApplicationStatusChanged approved = change(ApplicationStatus.APPROVED, email, Language.TR, "/hooks/approved-tr");
        publish(approved);

        MimeMessage message = awaitEmail(email);

        assertThat(message.getSubject()).isEqualTo("Alışveriş krediniz onaylandı (ORDER-42)");
        assertThat(message.getContent().toString()).contains("20.100,00 TL").contains("6 taksitle")
                .contains("1. 24.01.2026  4.016,84 TL").contains("Ayşe Yılmaz");
        assertThat(jdbc.queryForList("select body, encode(body_sealed, 'escape') as sealed from delivery "
                        + "where application_id = ? and channel in ('EMAIL', 'SMS')", approved.getMetadata().getApplicationId()))
                .hasSize(2).allSatisfy(row -> {
                    assertThat(row.get("body")).as("no message in clear").isNull();
                    assertThat((String) row.get("sealed")).isNotBlank().doesNotContain("Yılmaz").doesNotContain("4.016,84");
                });
    }

    @Test
    void aNameInClearFromAnEventWrittenBeforeNamesWereSealedIsStillUsed() throws Exception {
        String email = uniqueEmail();
        ApplicationStatusChanged change = change(ApplicationStatus.APPROVED, email, Language.TR, "/hooks/approved-old");
        publish(ApplicationStatusChanged.newBuilder(change).setCustomer(SealedCustomer.newBuilder(change.getCustomer())
                .setSealedFullName(null).setFullName("Zeynep Demir").build()).build());

        assertThat(awaitEmail(email).getContent().toString()).contains("Zeynep Demir");
    }

    @Test
    void englishCustomerGetsEnglishWithEnglishAmounts() throws Exception {
        String email = uniqueEmail();
        publish(change(ApplicationStatus.APPROVED, email, Language.EN, "/hooks/approved-en"));

        MimeMessage message = awaitEmail(email);

        assertThat(message.getSubject()).isEqualTo("Your shopping loan is approved (ORDER-42)");
        assertThat(message.getContent().toString()).contains("TL 20,100.00").contains("TL 4,016.84");
    }

    @Test
    void customerWhoMustActAtTheBankGetsAnSmsWithTheLinkThroughTheProvider() {
        ApplicationStatusChanged started = change(ApplicationStatus.STARTED, uniqueEmail(), Language.TR, "/hooks/started");
        publish(started);

        LoopbackServer.Received sms = await(() -> OUTSIDE.at("/sms").stream()
                .filter(request -> request.body().contains(started.getBankRedirectionUrl())).findFirst().orElse(null));

        assertThat(sms.header("Authorization")).isEqualTo("Bearer sms-test-key");
        assertThat(sms.body()).contains("\"recipient\":\"+905551234567\"").contains("\"sender\":\"LOANFLOW\"");
    }

    @Test
    void webhookIsSignedSoTheMerchantCanVerifyIt() throws Exception {
        ApplicationStatusChanged approved = change(ApplicationStatus.APPROVED, uniqueEmail(), Language.TR, "/hooks/signed");
        publish(approved);

        LoopbackServer.Received webhook = await(() -> OUTSIDE.at("/hooks/signed").stream().findFirst().orElse(null));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(WEBHOOK_SECRET.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal((webhook.header("webhook-id") + "."
                + webhook.header("webhook-timestamp") + "." + webhook.body()).getBytes(StandardCharsets.UTF_8)));

        assertThat(webhook.header("webhook-signature")).isEqualTo(expected);
        assertThat(webhook.header("webhook-id")).isEqualTo("msg_" + approved.getMetadata().getEventId());
        assertThat(Long.parseLong(webhook.header("webhook-timestamp"))).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(60L));
        assertThat(webhook.body()).contains("\"status\":\"APPROVED\"").contains(approved.getMetadata().getApplicationId())
                .doesNotContain("5551234567").doesNotContain("@example.com");
    }

    @Test
    void failingWebhookIsRetriedThenDeadLetteredAndCanBeReplayed() {
        OUTSIDE.answer("/hooks/down", 503);
        ApplicationStatusChanged change = change(ApplicationStatus.NEW, uniqueEmail(), Language.TR, "/hooks/down");
        publish(change);
        String applicationId = change.getMetadata().getApplicationId();

        JsonNode dead = await(() -> webhookDelivery(applicationId, "DEAD"));
        OUTSIDE.answer("/hooks/down", 200);
        String replayPath = "/deliveries/" + dead.get("id").asLong() + "/replay";
        int replayByMerchant = http.exchange(replayPath, HttpMethod.POST, new HttpEntity<>(merchant()), Void.class)
                .getStatusCode().value();
        int replay = http.exchange(replayPath, HttpMethod.POST, new HttpEntity<>(bearer(TestClients.OPERATOR)), Void.class)
                .getStatusCode().value();
        JsonNode delivered = await(() -> webhookDelivery(applicationId, "DELIVERED"));

        assertThat(dead.get("attempts").asInt()).isEqualTo(3);
        assertThat(dead.get("history").findValuesAsText("outcome")).containsExactly("RETRY", "RETRY", "RETRY");
        assertThat(replayByMerchant).isEqualTo(403);
        assertThat(replay).isEqualTo(202);
        assertThat(delivered.get("attempts").asInt()).isEqualTo(1);
        assertThat(OUTSIDE.at("/hooks/down")).hasSize(4);
    }

    @Test
    void aMerchantThatAnswersSlowlyHoldsUpNoOtherApplicationsNotifications() throws Exception {
        CountDownLatch slowMerchant = OUTSIDE.hold("/hooks/slow");
        try {
            ApplicationStatusChanged slow = change(ApplicationStatus.NEW, uniqueEmail(), Language.TR, "/hooks/slow");
            ApplicationStatusChanged other;
            do {
                other = change(ApplicationStatus.NEW, uniqueEmail(), Language.TR, "/hooks/not-slow");
            } while (shardOf(other) == shardOf(slow));
            publish(slow);
            await(() -> OUTSIDE.at("/hooks/slow").isEmpty() ? null : true);

            publish(other);
            JsonNode delivered = await(webhookOf(other, "DELIVERED"));
            JsonNode stillSending = webhookOf(slow, "SENDING").get();

            assertThat(delivered.get("attempts").asInt()).isEqualTo(1);
            assertThat(stillSending).as("the slow merchant's first attempt is still under way").isNotNull();
            assertThat(stillSending.get("attempts").asInt()).isZero();
        } finally {
            slowMerchant.countDown();
        }
    }

    @Test
    void clientErrorStopsRetryingButTooManyRequestsRetries() {
        OUTSIDE.answer("/hooks/gone", 410);
        OUTSIDE.answer("/hooks/busy", 429);
        ApplicationStatusChanged gone = change(ApplicationStatus.NEW, uniqueEmail(), Language.TR, "/hooks/gone");
        ApplicationStatusChanged busy = change(ApplicationStatus.NEW, uniqueEmail(), Language.TR, "/hooks/busy");
        publish(gone);
        publish(busy);

        JsonNode failed = await(() -> webhookDelivery(gone.getMetadata().getApplicationId(), "FAILED"));
        JsonNode retried = await(() -> webhookDelivery(busy.getMetadata().getApplicationId(), "DEAD"));

        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(retried.get("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void redeliveredEventSendsNothingTwice() throws Exception {
        String email = uniqueEmail();
        ApplicationStatusChanged started = change(ApplicationStatus.STARTED, email, Language.TR, "/hooks/twice");

        publish(started);
        publish(started);
        awaitEmail(email);
        Thread.sleep(1_500);

        assertThat(Arrays.stream(SMTP.getReceivedMessages()).filter(m -> recipient(m).equals(email))).hasSize(1);
        assertThat(OUTSIDE.at("/hooks/twice")).hasSize(1);
        assertThat(OUTSIDE.at("/sms").stream().filter(r -> r.body().contains(started.getBankRedirectionUrl()))).hasSize(1);
    }

    @Test
    void recordsThatCannotBePlannedAreDeadLetteredAndTheRecordsAroundThemArePlannedOnce() throws Exception {
        String key = "poll-" + UUID.randomUUID();
        List<ApplicationStatusChanged> changes = List.of(
                change(ApplicationStatus.NEW, uniqueEmail(), Language.TR, "/hooks/poll"),
                change(ApplicationStatus.NEW, uniqueEmail(), Language.TR, "/hooks/poll"),
                change(ApplicationStatus.NEW, uniqueEmail(), Language.TR, "/hooks/poll"));
        byte[] notAvro = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
        try (AvroKafkaSerializer<SpecificRecord> avro = new AvroKafkaSerializer<>();
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers",
                     SharedInfrastructure.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            avro.configure(EventSerde.producerProperties(SharedInfrastructure.schemaRegistry().registryApiUrl()), false);
            String topic = Topic.LIFECYCLE.topicName();
            // one partition, sent together so that they are mostly read in one poll: good, unreadable, good, of
            // another type, good
            raw.send(new ProducerRecord<>(topic, key, avro.serialize(topic, changes.get(0))));
            raw.send(new ProducerRecord<>(topic, key, notAvro));
            raw.send(new ProducerRecord<>(topic, key, avro.serialize(topic, changes.get(1))));
            raw.send(new ProducerRecord<>(topic, key, avro.serialize(topic, changes.get(2).getMetadata())));
            raw.send(new ProducerRecord<>(topic, key, avro.serialize(topic, changes.get(2)))).get();
        }

        List<ConsumerRecord<String, byte[]>> deadLetters = deadLetters(key, 2);
        for (ApplicationStatusChanged change : changes) {
            await(webhookOf(change, "DELIVERED"));
        }

        assertThat(DeadLetters.opened(SEALER, deadLetters.get(0))).isEqualTo(notAvro);
        assertThat(DeadLetters.opened(SEALER, deadLetters.get(1))).as("the record of another type, as it was read")
                .isEqualTo(StoredEvents.withRegistry(SharedInfrastructure.schemaRegistry().registryApiUrl())
                        .encode(changes.get(2).getMetadata()));
        assertThat(deadLetters).allSatisfy(record -> {
            assertThat(record.headers().lastHeader(DeadLetters.CAUSE_HEADER)).isNotNull();
            assertThat(record.headers().lastHeader("kafka_dlt-exception-message")).isNull();
        });
        for (ApplicationStatusChanged change : changes) {
            assertThat(deliveries(change.getMetadata().getApplicationId()).findValues("channel"))
                    .as("planned once").extracting(JsonNode::asText).containsOnlyOnce("WEBHOOK");
        }
    }

    @Test
    void unsafeCallbackUrlIsRefusedWithoutCallingIt() {
        ApplicationStatusChanged change = ApplicationStatusChanged.newBuilder(
                change(ApplicationStatus.NEW, uniqueEmail(), Language.TR, null))
                .setMerchantCallbackUrl("http://169.254.169.254/latest/meta-data").build();
        publish(change);

        JsonNode refused = await(() -> webhookDelivery(change.getMetadata().getApplicationId(), "FAILED"));

        assertThat(refused.get("lastError").asText()).contains("refused");
    }

    @Test
    void deliveryLogMasksRecipients() throws Exception {
        String email = uniqueEmail();
        ApplicationStatusChanged approved = change(ApplicationStatus.APPROVED, email, Language.TR, "/hooks/log");
        publish(approved);
        awaitEmail(email);

        String log = await(() -> {
            JsonNode deliveries = deliveries(approved.getMetadata().getApplicationId());
            return deliveries.size() == 3 ? deliveries.toString() : null;
        });

        assertThat(log).doesNotContain(email).doesNotContain("5551234567").contains("555*****67")
                .contains(email.charAt(0) + "***@example.com");
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String key, int expected) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(),
                "group.id", "dlt-reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topic.LIFECYCLE.deadLetterTopicName()));
            long deadline = System.currentTimeMillis() + 30_000;
            while (found.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
            }
        }
        assertThat(found).as("dead letters of " + key).hasSize(expected);
        return found;
    }

    private Supplier<JsonNode> webhookOf(ApplicationStatusChanged change, String status) {
        return () -> webhookDelivery(change.getMetadata().getApplicationId(), status);
    }

    private int shardOf(ApplicationStatusChanged change) {
        return DispatchingDeliveries.shardOf(change.getMetadata().getApplicationId(), deliverySettings.concurrency());
    }

    private JsonNode webhookDelivery(String applicationId, String status) {
        for (JsonNode delivery : deliveries(applicationId)) {
            if (delivery.get("channel").asText().equals("WEBHOOK") && delivery.get("status").asText().equals(status)) {
                return delivery;
            }
        }
        return null;
    }

    private JsonNode deliveries(String applicationId) {
        return http.exchange("/applications/" + applicationId + "/deliveries", HttpMethod.GET,
                new HttpEntity<>(merchant()), JsonNode.class).getBody();
    }

    private static HttpHeaders merchant() {
        return bearer(MERCHANT);
    }

    private static ApplicationStatusChanged change(ApplicationStatus status, String email, Language language, String hookPath) {
        String applicationId = "app-" + UUID.randomUUID();
        return ApplicationStatusChanged.newBuilder()
                .setMetadata(new EventMetadata(UUID.randomUUID().toString(), applicationId, MERCHANT,
                        Instant.now(), applicationId, null))
                .setPreviousStatus(null).setStatus(status).setTrigger("Test").setOrderId("ORDER-42")
                .setLoanAmount(new BigDecimal("20100.00")).setRefundedTotal(new BigDecimal("0.00"))
                .setBankCode("AKTIFBANK").setTerm(6)
                .setBankRedirectionUrl("https://bank.example/page/" + applicationId)
                .setPaymentPlan(new PaymentPlan(new BigDecimal("20100.00"), new BigDecimal("4.1900"), 6,
                        new BigDecimal("24101.05"), new BigDecimal("88.9781"), null,
                        List.of(new Installment(1, new BigDecimal("4016.84"), Instant.parse("2026-01-24T07:30:00Z")))))
                .setCustomer(SealedCustomer.newBuilder()
                        .setNationalIdentityNumber(SEALER.seal("10000000146"))
                        .setGsmNumber(SEALER.seal("5551234567")).setEmail(SEALER.seal(email))
                        .setSealedFullName(SEALER.seal("Ayşe Yılmaz")).setLanguage(language).build())
                .setMerchantCallbackUrl(hookPath == null ? "https://example.invalid/" : OUTSIDE.url(hookPath))
                .setDetail(null)
                .build();
    }

    private static void publish(ApplicationStatusChanged change) {
        Map<String, Object> config = new HashMap<>(EventSerde.producerProperties(
                SharedInfrastructure.schemaRegistry().registryApiUrl()));
        config.put("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(Topic.LIFECYCLE.topicName(), change.getMetadata().getApplicationId(), change)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage awaitEmail(String to) {
        return await(() -> Arrays.stream(SMTP.getReceivedMessages()).filter(m -> recipient(m).equals(to)).findFirst().orElse(null));
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    private static <T> T await(Supplier<T> probe) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            T found = probe.get();
            if (found != null) {
                return found;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("not seen within 20 s");
    }

    private static String uniqueEmail() {
        return "customer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
        return smtp;
    }

}
