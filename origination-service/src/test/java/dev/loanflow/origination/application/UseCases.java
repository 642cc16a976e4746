package dev.loanflow.origination.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.loanflow.eventing.EventMetadataFactory;
import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.Cart;
import dev.loanflow.events.CartItem;
import dev.loanflow.events.CartPrice;
import dev.loanflow.events.Customer;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.Language;
import dev.loanflow.infra.testdata.TestData;
import dev.loanflow.origination.lifecycle.LifecycleEngine;
import dev.loanflow.schemas.UpstreamPublishers;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * Origination's use cases wired as the service wires them, the lifecycle and the rules real, with the database,
 * the outbox and consumed events in memory: one behaviour per test, in milliseconds.
 */
final class UseCases {

    static final String MERCHANT = "shop-a";
    static final String PUBLISHER = "checkout";
    static final BigDecimal LOAN = new BigDecimal("20100.00");

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
    final InMemoryConsumedEvents consumed = new InMemoryConsumedEvents();
    final InMemoryApplications applications = new InMemoryApplications(consumed);
    final InMemoryRefunds refunds = new InMemoryRefunds();
    final RecordingOutbox outbox = new RecordingOutbox();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final EventMetadataFactory metadata = new EventMetadataFactory(clock);
    final LifecyclePublisher publisher = new LifecyclePublisher(outbox, metadata);
    final TransactionTemplate transaction = new TransactionTemplate(new NoTransactions());
    final Transitions transitions = new Transitions(applications, new LifecycleEngine(), consumed, publisher,
            transaction, meters);
    final SubmittingApplication submitting = new SubmittingApplication(applications, transitions,
            new SubmissionRules(Map.of("AKTIFBANK", List.of(3, 6, 9, 12))), sealer(), publisher, consumed, metadata,
            outbox, transaction, clock, UpstreamPublishers.parse(PUBLISHER + ":" + MERCHANT + ",merchant-other;other-checkout:shop-b"));
    final HandlingBankOutcomes outcomes = new HandlingBankOutcomes(transitions, refunds, publisher, consumed);
    final CancellingApplication cancelling = new CancellingApplication(transitions, applications);
    final RequestingRefund refunding = new RequestingRefund(transitions, applications, refunds, publisher);
    final TimingOutApplications timingOut = new TimingOutApplications(
            (states, now, limit) -> applications.expired(states, now), transitions, clock);

    ApplicationSubmitted submission(String orderId) {
        Instant now = clock.instant();
        String eventId = UUID.randomUUID().toString();
        BigDecimal price = new BigDecimal("20000.00");
        return ApplicationSubmitted.newBuilder()
                .setMetadata(new EventMetadata(eventId, "", MERCHANT, now, eventId, null))
                .setOrderId(orderId).setOrderDate(now).setBankCode("AKTIFBANK").setTerm(6)
                .setTimeToLive(now.plus(1, ChronoUnit.HOURS)).setCallbackUrl("https://shop.example.com/hook")
                .setCustomer(Customer.newBuilder().setNationalIdentityNumber(TestData.nationalId())
                        .setGsmNumber("5551234567").setEmail("musteri@example.com").setFullName("Zeynep Demir")
                        .setLanguage(Language.TR).build())
                .setCart(new Cart(new CartPrice(price, new BigDecimal("100.00"), LOAN),
                        List.of(CartItem.newBuilder().setProductName("Telefon").setCategoryCode("ELECTRONICS")
                                .setQuantity(1).setPrice(price).setTotalPriceWithoutDiscounts(price).setTotalPrice(price)
                                .setSellerExternalId("SELLER-1").setCommissionRate(null).setCommissionAmount(null)
                                .setWithholdingTax(null).setMarketplaceCost(null).build())))
                .build();
    }

    /** A new application, submitted through the use case. */
    String submitted() {
        SubmittingApplication.Accepted accepted = (SubmittingApplication.Accepted) submitting.submit(
                submission("ORDER-" + UUID.randomUUID()), null);
        return accepted.application().applicationId();
    }

    /** As {@link #submitted()}, stored as before pre-approval requests carried the application's terms. */
    String submittedBeforeTheGatewayApplied() {
        String id = submitted();
        StoredApplication stored = applications.find(id).orElseThrow();
        applications.insert(new StoredApplication(stored.application(), stored.requestHash(),
                PreApprovalRequested.newBuilder(stored.preApprovalRequest()).setThenApply(null).build(),
                stored.preApproved(), stored.bankApplication()), null);
        return id;
    }

    private static PersonalDataSealer sealer() {
        return PersonalDataSealer.withBase64Keys("test", Map.of("test", Base64.getEncoder().encodeToString(new byte[32])));
    }

    /** A clock the test moves on. */
    static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void passes(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Runs the callback as if in a transaction: the in-memory stores have nothing to roll back. */
    private static final class NoTransactions extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
