package dev.loanflow.origination.flow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.loanflow.events.BankAnswer;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApproved;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.Installment;
import dev.loanflow.events.Offer;
import dev.loanflow.events.PaymentPlan;
import dev.loanflow.events.PreApproved;
import dev.loanflow.events.RefundFailed;
import dev.loanflow.events.Refunded;
import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.schemas.EventSerde;
import dev.loanflow.schemas.Topic;

/** Publishes bank outcomes as the bank gateway would, so origination can be driven alone. */
public final class GatewayStandIn {

    private static KafkaProducer<String, SpecificRecord> producer;

    public static EventMetadata metadata(String applicationId) {
        return new EventMetadata(UUID.randomUUID().toString(), applicationId, "merchant-a", Instant.now(),
                applicationId, null);
    }

    public static PreApproved preApproved(String applicationId) {
        return PreApproved.newBuilder().setMetadata(metadata(applicationId)).setBankCode("AKTIFBANK")
                .setPreApprovalReferenceId("pre-" + applicationId)
                .setOffers(List.of(new Offer(6, new BigDecimal("4016.84"), new BigDecimal("4.1900"),
                        new BigDecimal("24101.05"), new BigDecimal("88.9781"), new BigDecimal("7.4148"), "CONSUMER_LOAN")))
                .setBankAnswer(new BankAnswer("0", "Transaction Successful")).build();
    }

    public static BankApplicationCreated created(String applicationId) {
        return BankApplicationCreated.newBuilder().setMetadata(metadata(applicationId))
                .setApplicationReferenceId("loan-" + applicationId).setReferenceCode("REF1")
                .setBankRedirectionUrl("https://bank.example/page/" + applicationId)
                .setPaymentPlan(new PaymentPlan(new BigDecimal("20100.00"), new BigDecimal("4.1900"), 6,
                        new BigDecimal("24101.05"), new BigDecimal("88.9781"), null,
                        List.of(new Installment(1, new BigDecimal("4016.84"), Instant.parse("2026-01-24T10:30:00Z")))))
                .build();
    }

    public static BankApproved approved(String applicationId) {
        return BankApproved.newBuilder().setMetadata(metadata(applicationId))
                .setApplicationReferenceId("loan-" + applicationId).setBankApplicationId(null).setPaymentPlan(null).build();
    }

    public static Refunded refunded(String applicationId, String refundId, String amount, String total, String remaining) {
        return Refunded.newBuilder().setMetadata(metadata(applicationId)).setRefundId(refundId)
                .setAmount(new BigDecimal(amount)).setRefundedTotal(new BigDecimal(total))
                .setRemainingAmount(new BigDecimal(remaining)).setFull(new BigDecimal(remaining).signum() == 0)
                .setBankReferenceId("BANK-REF").setReferenceId("REF").build();
    }

    public static RefundFailed refundFailed(String applicationId, String refundId) {
        return RefundFailed.newBuilder().setMetadata(metadata(applicationId)).setRefundId(refundId)
                .setAmount(new BigDecimal("100.00")).setBankAnswer(new BankAnswer("REFUND_AMOUNT_EXCEEDED", "too much"))
                .build();
    }

    static void send(String applicationId, SpecificRecord outcome) {
        try {
            producer().send(new ProducerRecord<>(Topic.BANK_OUTCOMES.topicName(), applicationId, outcome)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KafkaProducer<String, SpecificRecord> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(EventSerde.producerProperties(
                    SharedInfrastructure.schemaRegistry().registryApiUrl()));
            config.put("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
            producer = new KafkaProducer<>(config);
        }
        return producer;
    }
}
