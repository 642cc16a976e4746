package dev.loanflow.origination.application;

import java.util.Optional;

import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.PreApproved;
import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;

/** Where the use cases keep applications, one at a time. */
public interface ApplicationStore {

    void insert(StoredApplication stored, String idempotencyKey);

    Optional<StoredApplication> find(String applicationId);

    default Optional<StoredApplication> findForMerchant(String merchantId, String applicationId) {
        return find(applicationId).filter(stored -> stored.application().belongsTo(merchantId));
    }

    Optional<StoredApplication> findByOrder(String merchantId, String orderId);

    Optional<StoredApplication> findByIdempotencyKey(String merchantId, String idempotencyKey);

    /** What {@link #transition} wrote. */
    enum TransitionWrite { WRITTEN, ALREADY_CONSUMED, VERSION_MOVED }

    /** One transition as it is written: the move, why, and what it records on the application. */
    record TransitionRow(String applicationId, long expectedVersion, ApplicationState from, ApplicationState to,
                         String event, String detail, String consumedEventId, String consumedEventType,
                         String actor, PreApproved preApproved, BankApplicationCreated bankApplication,
                         Money refunded) {
    }

    /**
     * At once: records the consumed event (when an event caused the transition), moves the application on if nobody
     * else did since it was read, records on it what the transition brought, and adds the transition to its history.
     * Nothing is written when the event was consumed before; on {@code VERSION_MOVED} the caller must roll back.
     */
    TransitionWrite transition(TransitionRow row);

    /** The first entry of an application's history: it was created in {@code state}. */
    void recordCreation(String applicationId, ApplicationState state, String event, String causedBy, String actor);
}
