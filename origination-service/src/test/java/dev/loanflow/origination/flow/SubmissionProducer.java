package dev.loanflow.origination.flow;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.Cart;
import dev.loanflow.events.CartItem;
import dev.loanflow.events.CartPrice;
import dev.loanflow.events.Customer;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.Language;
import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.schemas.EventSerde;
import dev.loanflow.origination.OriginationIntegrationTest;
import dev.loanflow.schemas.UpstreamPublishers;

/** An upstream system publishing ApplicationSubmitted on the input topic. */
public final class SubmissionProducer {

    private SubmissionProducer() {
    }

    static void send(String applicationId, String nationalId) {
        send(applicationId, nationalId, null);
    }

    /** With a W3C traceparent header, as a traced upstream system sends it. */
    static void send(String applicationId, String nationalId, String traceParent) {
        send(applicationId, submission(applicationId, nationalId), traceParent);
    }

    static void send(String applicationId, ApplicationSubmitted submission, String traceParent) {
        send(OriginationIntegrationTest.PUBLISHER, applicationId, submission, traceParent);
    }

    /** As the given publisher, on its own topic. */
    static void send(String publisher, String applicationId, ApplicationSubmitted submission, String traceParent) {
        Map<String, Object> config = new HashMap<>(EventSerde.producerProperties(
                SharedInfrastructure.schemaRegistry().registryApiUrl()));
        config.put("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(UpstreamPublishers.topicOf(publisher), applicationId,
                    submission);
            if (traceParent != null) {
                record.headers().add("traceparent", traceParent.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid submission of one 1,000 TL item, as an upstream system publishes it. */
    public static ApplicationSubmitted submission(String applicationId, String nationalId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String eventId = UUID.randomUUID().toString();
        return ApplicationSubmitted.newBuilder()
                .setMetadata(new EventMetadata(eventId, applicationId, "merchant-topic", now, eventId, null))
                .setOrderId("ORDER-" + applicationId).setOrderDate(now).setBankCode("AKTIFBANK").setTerm(6)
                .setTimeToLive(now.plus(1, ChronoUnit.HOURS)).setCallbackUrl("https://shop.example.com/hook")
                .setCustomer(Customer.newBuilder().setNationalIdentityNumber(nationalId).setGsmNumber("5551234567")
                        .setEmail(null).setFullName("Mehmet Kaya").setLanguage(Language.TR).build())
                .setCart(new Cart(new CartPrice(new BigDecimal("1000.00"), new BigDecimal("0.00"), new BigDecimal("1000.00")),
                        List.of(CartItem.newBuilder().setProductName("Kulaklık").setCategoryCode("ELECTRONICS").setQuantity(1)
                                .setPrice(new BigDecimal("1000.00")).setTotalPriceWithoutDiscounts(new BigDecimal("1000.00"))
                                .setTotalPrice(new BigDecimal("1000.00")).setSellerExternalId(null).setCommissionRate(null)
                                .setCommissionAmount(null).setWithholdingTax(null).setMarketplaceCost(null).build())))
                .build();
    }
}
