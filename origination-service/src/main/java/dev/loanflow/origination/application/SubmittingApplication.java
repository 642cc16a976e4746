package dev.loanflow.origination.application;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.loanflow.eventing.ConsumedEvents;
import dev.loanflow.eventing.EventMetadataFactory;
import dev.loanflow.eventing.Outbox;
import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.BankApplicationTerms;
import dev.loanflow.events.Customer;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.FieldViolation;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.SealedCustomer;
import dev.loanflow.events.SubmissionRejected;
import dev.loanflow.origination.domain.Application;
import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.domain.Violation;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * Takes on a new application, from the REST API or the input topic alike: validates it, seals the customer's
 * personal data, creates it through {@link Transitions} and asks the bank gateway for a pre-approval, all in one
 * transaction. The same merchant and order id (or idempotency key) returns the existing application; a different
 * body for it conflicts.
 */
@Component
public class SubmittingApplication {

    private final ApplicationStore applications;
    private final Transitions transitions;
    private final SubmissionRules rules;
    private final PersonalDataSealer sealer;
    private final RequestFingerprints fingerprints;
    private final LifecyclePublisher publisher;
    private final ConsumedEvents consumed;
    private final EventMetadataFactory metadata;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final UpstreamPublishers publishers;

    SubmittingApplication(ApplicationStore applications, Transitions transitions, SubmissionRules rules,
                          PersonalDataSealer sealer, LifecyclePublisher publisher, ConsumedEvents consumed,
                          EventMetadataFactory metadata, Outbox outbox, TransactionTemplate transaction, Clock clock,
                          UpstreamPublishers publishers) {
        this.applications = applications;
        this.transitions = transitions;
        this.rules = rules;
        this.sealer = sealer;
        this.fingerprints = new RequestFingerprints(sealer);
        this.publisher = publisher;
        this.consumed = consumed;
        this.metadata = metadata;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
        this.publishers = publishers;
    }

    public sealed interface Result permits Accepted, Rejected, Conflict {
    }

    public record Accepted(StoredApplication application, boolean created) implements Result {
    }

    public record Rejected(List<Violation> violations) implements Result {
    }

    public record Conflict(StoredApplication existing) implements Result {
    }

    public Result submit(ApplicationSubmitted submission, String idempotencyKey) {
        List<Violation> violations = rules.check(submission, clock.instant());
        if (!violations.isEmpty()) {
            return new Rejected(violations);
        }
        return inOneTransaction(() -> storeOrFindExisting(submission, idempotencyKey));
    }

    /**
     * For the input topics: an invalid or conflicting event, or one naming a merchant its publisher may not submit
     * for, is published as rejected, with its reasons, and creates nothing. The consumed
     * event's id, the application and its first events commit together.
     */
    public void submitFromTopic(String publisher, ApplicationSubmitted submission) {
        EventMetadata cause = submission.getMetadata();
        List<Violation> violations = new ArrayList<>();
        if (!publishers.maySubmitFor(publisher, cause.getMerchantId())) {
            violations.add(new Violation("metadata.merchantId", "publisher " + publisher + " may not submit for this merchant"));
        }
        violations.addAll(rules.check(submission, clock.instant()));
        inOneTransaction(() -> {
            if (!consumed.record(upstreamEventKey(cause), ApplicationSubmitted.class.getSimpleName())) {
                return null;
            }
            Result result = violations.isEmpty() ? storeOrFindExisting(submission, null) : new Rejected(violations);
            List<Violation> reasons = result instanceof Rejected rejected ? rejected.violations()
                    : result instanceof Conflict ? List.of(new Violation("orderId", "conflicts with an earlier submission of this order"))
                    : List.of();
            if (!reasons.isEmpty()) {
                outbox.append(Topic.REJECTED_SUBMISSIONS, cause.getApplicationId(), SubmissionRejected.newBuilder()
                        .setMetadata(metadata.causedBy(cause))
                        .setOrderId(submission.getOrderId()).setRejectedEventId(cause.getEventId())
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
        Optional<StoredApplication> existing = existing(submission.getMetadata().getMerchantId(), submission.getOrderId(),
                idempotencyKey);
        if (existing.isPresent()) {
            return sameOrConflict(existing.get(), submission);
        }
        String submissionEventId = submission.getMetadata().getEventId();
        StoredApplication created = transitions.begin(newApplication(submission, fingerprints.of(submission)),
                idempotencyKey, new Change.Cause(submissionEventId, "ApplicationSubmitted", "MERCHANT", null),
                (stored, state) -> publisher.toBank(stored.applicationId(), stored.preApprovalRequest()));
        return new Accepted(created, true);
    }

    /**
     * An upstream publisher's event ids are its own: one merchant's id must not suppress another's submission, so a
     * submission is deduplicated by (merchant, event id), as a name-based UUID that fits the consumed-event key.
     */
    static String upstreamEventKey(EventMetadata metadata) {
        return UUID.nameUUIDFromBytes((metadata.getMerchantId() + "\u0000" + metadata.getEventId())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private StoredApplication newApplication(ApplicationSubmitted submission, String hash) {
        EventMetadata submitted = submission.getMetadata();
        String applicationId = submitted.getApplicationId() != null && !submitted.getApplicationId().isBlank()
                ? submitted.getApplicationId() : UUID.randomUUID().toString();
        String correlationId = submitted.getCorrelationId() != null ? submitted.getCorrelationId() : applicationId;
        Instant createdAt = clock.instant();
        PreApprovalRequested preApproval = PreApprovalRequested.newBuilder()
                .setMetadata(metadata.about(applicationId, submitted.getMerchantId(), correlationId, submitted.getEventId()))
                .setOrderId(submission.getOrderId()).setBankCode(submission.getBankCode()).setMaxTerm(submission.getTerm())
                .setCustomer(seal(submission.getCustomer())).setCart(submission.getCart())
                .setThenApply(BankApplicationTerms.newBuilder().setOrderDate(createdAt).setTerm(submission.getTerm())
                        .setTimeToLive(submission.getTimeToLive()).build())
                .build();
        Application application = new Application(applicationId, submitted.getMerchantId(), submission.getOrderId(),
                ApplicationState.NEW, 0, submission.getBankCode(), submission.getTerm(),
                Money.of(submission.getCart().getPrice().getTotalPrice()), Money.ZERO, submission.getTimeToLive(),
                submission.getCallbackUrl(), correlationId, null, null, createdAt);
        return new StoredApplication(application, hash, preApproval, null, null);
    }

    private SealedCustomer seal(Customer customer) {
        return SealedCustomer.newBuilder()
                .setNationalIdentityNumber(sealer.seal(customer.getNationalIdentityNumber()))
                .setGsmNumber(sealer.seal(customer.getGsmNumber()))
                .setEmail(customer.getEmail() == null ? null : sealer.seal(customer.getEmail()))
                .setSealedFullName(customer.getFullName() == null ? null : sealer.seal(customer.getFullName()))
                .setLanguage(customer.getLanguage())
                .build();
    }

    private Optional<StoredApplication> existing(String merchantId, String orderId, String idempotencyKey) {
        Optional<StoredApplication> byKey = idempotencyKey == null ? Optional.empty()
                : applications.findByIdempotencyKey(merchantId, idempotencyKey);
        return byKey.isPresent() ? byKey : applications.findByOrder(merchantId, orderId);
    }

    private Result sameOrConflict(StoredApplication existing, ApplicationSubmitted submission) {
        return fingerprints.matches(existing.requestHash(), submission) ? new Accepted(existing, false) : new Conflict(existing);
    }
}
