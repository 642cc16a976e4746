package dev.loanflow.origination.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.loanflow.origination.domain.Application;
import dev.loanflow.origination.domain.ApplicationState;

/** The application store in memory, with the same rules as the table: one per order, versions, history. */
final class InMemoryApplications implements ApplicationStore {

    private final Map<String, StoredApplication> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByKey = new ConcurrentHashMap<>();
    final List<String> history = new ArrayList<>();
    final InMemoryConsumedEvents consumed;

    InMemoryApplications(InMemoryConsumedEvents consumed) {
        this.consumed = consumed;
    }

    @Override
    public void insert(StoredApplication stored, String idempotencyKey) {
        byId.put(stored.applicationId(), stored);
        if (idempotencyKey != null) {
            idByKey.put(stored.application().merchantId() + "/" + idempotencyKey, stored.applicationId());
        }
    }

    @Override
    public Optional<StoredApplication> find(String applicationId) {
        return Optional.ofNullable(byId.get(applicationId));
    }

    @Override
    public Optional<StoredApplication> findByOrder(String merchantId, String orderId) {
        return byId.values().stream().filter(stored -> stored.application().belongsTo(merchantId)
                && stored.application().orderId().equals(orderId)).findFirst();
    }

    @Override
    public Optional<StoredApplication> findByIdempotencyKey(String merchantId, String idempotencyKey) {
        return Optional.ofNullable(idByKey.get(merchantId + "/" + idempotencyKey)).map(byId::get);
    }

    @Override
    public TransitionWrite transition(TransitionRow row) {
        if (row.consumedEventId() != null && !consumed.record(row.consumedEventId(), row.consumedEventType())) {
            return TransitionWrite.ALREADY_CONSUMED;
        }
        StoredApplication stored = byId.get(row.applicationId());
        Application before = stored.application();
        if (before.version() != row.expectedVersion()) {
            return TransitionWrite.VERSION_MOVED;
        }
        Application after = new Application(before.applicationId(), before.merchantId(), before.orderId(), row.to(),
                before.version() + 1, before.bankCode(), before.term(), before.loanAmount(),
                row.refunded() == null ? before.refunded() : before.refunded().plus(row.refunded()), before.timeToLive(),
                before.callbackUrl(), before.correlationId(),
                row.bankApplication() == null ? before.loanReferenceId() : row.bankApplication().getApplicationReferenceId(),
                row.detail() == null ? before.detail() : row.detail(), before.createdAt());
        byId.put(row.applicationId(), new StoredApplication(after, stored.requestHash(), stored.preApprovalRequest(),
                row.preApproved() == null ? stored.preApproved() : row.preApproved(),
                row.bankApplication() == null ? stored.bankApplication() : row.bankApplication()));
        history.add(row.applicationId() + " " + row.from() + " -> " + row.to());
        return TransitionWrite.WRITTEN;
    }

    @Override
    public void recordCreation(String applicationId, ApplicationState state, String event, String causedBy, String actor) {
        history.add(applicationId + " created " + state);
    }

    List<String> expired(Set<ApplicationState> states, Instant now) {
        return byId.values().stream().map(StoredApplication::application)
                .filter(application -> states.contains(application.state()) && application.timeToLive().isBefore(now))
                .map(Application::applicationId).toList();
    }

    ApplicationState stateOf(String applicationId) {
        return byId.get(applicationId).application().state();
    }

    int size() {
        return byId.size();
    }
}
