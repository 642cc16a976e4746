package dev.loanflow.origination.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.loanflow.eventing.Outbox;
import dev.loanflow.eventing.ProcessedEvents;
import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.Customer;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.FieldViolation;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.SealedCustomer;
import dev.loanflow.events.SubmissionRejected;
import dev.loanflow.origination.domain.SubmissionRules;
import dev.loanflow.origination.domain.Violation;
import dev.loanflow.origination.persistence.ApplicationRow;
import dev.loanflow.origination.persistence.Applications;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * Takes on a new application, from the REST API or the input topic alike: validates it, seals the customer's
 * personal data, stores it as NEW and asks the bank gateway for a pre-approval, all in one transaction. The same
 * merchant and order id (or idempotency key) returns the existing application; a different body for it conflicts.
 */
@Component
public class SubmitApplication {

    private final Applications applications;
    private final SubmissionRules rules;
    private final PersonalDataSealer sealer;
    private final RequestFingerprints fingerprints;
    private final LifecycleMessages messages;
    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SubmitApplication(Applications applications, SubmissionRules rules, PersonalDataSealer sealer,
                      LifecycleMessages messages, ProcessedEvents processed, Outbox outbox,
                      TransactionTemplate transaction, Clock clock) {
        this.applications = applications;
        this.rules = rules;
        this.sealer = sealer;
        this.fingerprints = new RequestFingerprints(sealer);
        this.messages = messages;
        this.processed = processed;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
    }

    public sealed interface Result permits Accepted, Rejected, Conflict {
    }

    public record Accepted(ApplicationRow application, boolean created) implements Result {
    }

    public record Rejected(List<Violation> violations) implements Result {
    }

    public record Conflict(ApplicationRow existing) implements Result {
    }

    public Result submit(ApplicationSubmitted submission, String idempotencyKey) {
        List<Violation> violations = rules.check(submission, clock.instant());
        if (!violations.isEmpty()) {
            return new Rejected(violations);
        }
        return inOneTransaction(() -> storeOrFindExisting(submission, idempotencyKey));
    }

    /**
     * For the input topic: an invalid or conflicting event is published as rejected, with its reasons. The consumed
     * event's id, the application and its first events commit together.
     */
    public void submitFromTopic(ApplicationSubmitted submission) {
        EventMetadata metadata = submission.getMetadata();
        List<Violation> violations = rules.check(submission, clock.instant());
        inOneTransaction(() -> {
            if (!processed.markProcessed(metadata.getEventId(), ApplicationSubmitted.class.getSimpleName())) {
                return null;
            }
            Result result = violations.isEmpty() ? storeOrFindExisting(submission, null) : new Rejected(violations);
            List<Violation> reasons = result instanceof Rejected rejected ? rejected.violations()
                    : result instanceof Conflict ? List.of(new Violation("orderId", "conflicts with an earlier submission of this order"))
                    : List.of();
            if (!reasons.isEmpty()) {
                outbox.append(Topic.REJECTED_SUBMISSIONS, metadata.getApplicationId(), SubmissionRejected.newBuilder()
                        .setMetadata(new EventMetadata(UUID.randomUUID().toString(), metadata.getApplicationId(),
                                metadata.getMerchantId(), clock.instant(), metadata.getCorrelationId(), metadata.getEventId()))
                        .setOrderId(submission.getOrderId()).setRejectedEventId(metadata.getEventId())
                        .setViolations(reasons.stream().map(v -> new FieldViolation(v.field(), v.message())).toList())
                        .build());
            }
            return result;
        });
    }

    /** Another submission of the same order can be stored first; the second attempt then finds it. */
    private <T> T inOneTransaction(Supplier<T> work) {
        try {
            return transaction.execute(status -> work.get());
        } catch (DuplicateKeyException raced) {
            return transaction.execute(status -> work.get());
        }
    }

    private Result storeOrFindExisting(ApplicationSubmitted submission, String idempotencyKey) {
        Optional<ApplicationRow> existing = existing(submission.getMetadata().getMerchantId(), submission.getOrderId(),
                idempotencyKey);
        if (existing.isPresent()) {
            return sameOrConflict(existing.get(), submission);
        }
        ApplicationRow application = newApplication(submission, fingerprints.of(submission));
        store(application, idempotencyKey, submission.getMetadata().getEventId());
        return new Accepted(application, true);
    }

    private void store(ApplicationRow application, String idempotencyKey, String submissionEventId) {
        applications.insert(application, idempotencyKey);
        applications.recordTransition(application.applicationId(), null, ApplicationStatus.NEW, "SUBMITTED",
                submissionEventId, "MERCHANT");
        messages.statusChanged(application, null, ApplicationStatus.NEW, "ApplicationSubmitted",
                application.refundedTotal(), null, null, submissionEventId);
        messages.toBank(application.applicationId(), application.preApprovalRequest());
    }

    private ApplicationRow newApplication(ApplicationSubmitted submission, String hash) {
        EventMetadata metadata = submission.getMetadata();
        String applicationId = metadata.getApplicationId() != null && !metadata.getApplicationId().isBlank()
                ? metadata.getApplicationId() : UUID.randomUUID().toString();
        String correlationId = metadata.getCorrelationId() != null ? metadata.getCorrelationId() : applicationId;
        PreApprovalRequested preApproval = PreApprovalRequested.newBuilder()
                .setMetadata(new EventMetadata(UUID.randomUUID().toString(), applicationId, metadata.getMerchantId(),
                        clock.instant(), correlationId, metadata.getEventId()))
                .setOrderId(submission.getOrderId()).setBankCode(submission.getBankCode()).setMaxTerm(submission.getTerm())
                .setCustomer(seal(submission.getCustomer())).setCart(submission.getCart())
                .build();
        return new ApplicationRow(applicationId, metadata.getMerchantId(), submission.getOrderId(), hash,
                ApplicationStatus.NEW, 0, submission.getBankCode(), submission.getTerm(),
                submission.getCart().getPrice().getTotalPrice(), BigDecimal.ZERO.setScale(2), submission.getTimeToLive(),
                submission.getCallbackUrl(), correlationId, null, null, preApproval, null, null, clock.instant());
    }

    private SealedCustomer seal(Customer customer) {
        return SealedCustomer.newBuilder()
                .setNationalIdentityNumber(sealer.seal(customer.getNationalIdentityNumber()))
                .setGsmNumber(sealer.seal(customer.getGsmNumber()))
                .setEmail(customer.getEmail() == null ? null : sealer.seal(customer.getEmail()))
                .setFullName(customer.getFullName()).setLanguage(customer.getLanguage())
                .build();
    }

    private Optional<ApplicationRow> existing(String merchantId, String orderId, String idempotencyKey) {
        Optional<ApplicationRow> byKey = idempotencyKey == null ? Optional.empty()
                : applications.findByIdempotencyKey(merchantId, idempotencyKey);
        return byKey.isPresent() ? byKey : applications.findByOrder(merchantId, orderId);
    }

    private Result sameOrConflict(ApplicationRow existing, ApplicationSubmitted submission) {
        return fingerprints.matches(existing.requestHash(), submission) ? new Accepted(existing, false) : new Conflict(existing);
    }
}
