package dev.loanflow.gateway.flow;

import dev.loanflow.infra.testdata.TestData;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.BankApplicationTerms;
import dev.loanflow.events.Cart;
import dev.loanflow.events.CartItem;
import dev.loanflow.events.CartPrice;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.Language;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.RefundRequested;
import dev.loanflow.events.SealedCustomer;
import dev.loanflow.gateway.GatewayTestSetup;
import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.schemas.EventSerde;
import dev.loanflow.schemas.Topic;

/** Publishes what origination asks of the bank, for one sandbox customer and one order. */
final class BankRequests {

    private static KafkaProducer<String, SpecificRecord> producer;

    final String applicationId = "app-" + UUID.randomUUID();
    final String merchantId;
    final String orderId;
    final String correlationId = UUID.randomUUID().toString();
    final String bankCode;
    final String nationalId = TestData.nationalId();
    final String gsm;

    private BankRequests(String merchantId, String orderId, String bankCode, String gsm) {
        this.merchantId = merchantId;
        this.orderId = orderId;
        this.bankCode = bankCode;
        this.gsm = gsm;
    }

    private BankRequests(String bankCode, String gsm) {
        this("merchant-4003", "ORDER-" + UUID.randomUUID(), bankCode, gsm);
    }

    /** Another merchant's customer, whose order happens to carry the same order id as this one's. */
    BankRequests sameOrderIdAt(String otherMerchantId) {
        return new BankRequests(otherMerchantId, orderId, bankCode, "5551234567");
    }

    /** The order id as the bank holds it: the merchant's, namespaced by the merchant. */
    String bankOrderId() {
        return merchantId + ":" + orderId;
    }

    /** A customer whose GSM number's last two digits pick the simulator's scenario (see docs/reference.md). */
    static BankRequests forCustomerWithGsmEnding(String lastTwoDigits) {
        return new BankRequests("AKTIFBANK", "55512345" + lastTwoDigits);
    }

    static BankRequests atBank(String bankCode) {
        return new BankRequests(bankCode, "5551234567");
    }

    PreApprovalRequested preApproval() {
        return PreApprovalRequested.newBuilder().setMetadata(metadata()).setOrderId(orderId).setBankCode(bankCode)
                .setMaxTerm(6).setCustomer(customer()).setCart(cart()).build();
    }

    /** A pre-approval request carrying the application's terms: the gateway goes on to the application by itself. */
    PreApprovalRequested preApprovalThenApplication(Instant timeToLive) {
        return thenApplication(preApproval(), timeToLive);
    }

    /** The same request (same event id), carrying the application's terms. */
    static PreApprovalRequested thenApplication(PreApprovalRequested preApproval, Instant timeToLive) {
        return PreApprovalRequested.newBuilder(preApproval).setThenApply(BankApplicationTerms.newBuilder()
                .setOrderDate(Instant.parse("2025-12-24T10:30:00Z")).setTerm(6)
                .setTimeToLive(timeToLive.truncatedTo(ChronoUnit.MILLIS)).build()).build();
    }

    BankApplicationRequested application(String preApprovalReferenceId) {
        return BankApplicationRequested.newBuilder().setMetadata(metadata()).setOrderId(orderId)
                .setOrderDate(Instant.parse("2025-12-24T10:30:00Z")).setBankCode(bankCode)
                .setPreApprovalReferenceId(preApprovalReferenceId).setTerm(6)
                .setTimeToLive(Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS))
                .setCustomer(customer()).setCart(cart()).build();
    }

    RefundRequested refund(String amount) {
        return RefundRequested.newBuilder().setMetadata(metadata()).setRefundId(UUID.randomUUID().toString())
                .setApplicationReferenceId(null).setAmount(new BigDecimal(amount)).setSellers(List.of()).build();
    }

    void send(SpecificRecord request) {
        try {
            publish(request, null).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request as the dead-letter recoverer would have left it on the dead-letter topic, with its cause. */
    void deadLettered(SpecificRecord request, String cause) {
        ProducerRecord<String, SpecificRecord> letter = new ProducerRecord<>(Topic.BANK_REQUESTS.deadLetterTopicName(),
                applicationId, request);
        letter.headers().add("kafka_dlt-original-topic", Topic.BANK_REQUESTS.topicName().getBytes(StandardCharsets.UTF_8));
        letter.headers().add("loanflow-dlt-cause", cause.getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(letter).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands the request to the producer without waiting, on the given partition or, when null, the one its key picks. */
    Future<RecordMetadata> publish(SpecificRecord request, Integer partition) {
        return producer().send(new ProducerRecord<>(Topic.BANK_REQUESTS.topicName(), partition, applicationId, request));
    }

    private EventMetadata metadata() {
        return new EventMetadata(UUID.randomUUID().toString(), applicationId, merchantId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), correlationId, null);
    }

    private SealedCustomer customer() {
        return SealedCustomer.newBuilder()
                .setNationalIdentityNumber(GatewayTestSetup.SEALER.seal(nationalId))
                .setGsmNumber(GatewayTestSetup.SEALER.seal(gsm))
                .setEmail(null).setFullName("Ayşe Yılmaz").setLanguage(Language.TR).build();
    }

    private static Cart cart() {
        return new Cart(new CartPrice(new BigDecimal("20000.00"), new BigDecimal("100.00"), new BigDecimal("20100.00")),
                List.of(CartItem.newBuilder().setProductName("Telefon 256 GB").setCategoryCode("ELECTRONICS")
                        .setQuantity(1).setPrice(new BigDecimal("20000.00"))
                        .setTotalPriceWithoutDiscounts(new BigDecimal("20000.00"))
                        .setTotalPrice(new BigDecimal("20000.00")).setSellerExternalId("SELLER-001")
                        .setCommissionRate(new BigDecimal("1.0000")).setCommissionAmount(null)
                        .setWithholdingTax(new BigDecimal("0.10")).setMarketplaceCost(new BigDecimal("2.00")).build()));
    }

    private static synchronized KafkaProducer<String, SpecificRecord> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(EventSerde.producerProperties(
                    SharedInfrastructure.schemaRegistry().registryApiUrl()));
            config.put("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
            config.put("acks", "all");
            producer = new KafkaProducer<>(config);
        }
        return producer;
    }

}
