package dev.loanflow.origination.application;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

import dev.loanflow.eventing.ConsumedEvents;
import dev.loanflow.origination.application.ApplicationStore.TransitionRow;
import dev.loanflow.origination.domain.Application;
import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.lifecycle.LifecycleEngine;

/**
 * The one path by which an application changes state, its creation included: the lifecycle decides, the new state
 * is written only if the application's version did not move (retried when it did), and the history, the consumed
 * event's id, the status announcement and the caller's follow-up commit in one transaction. An illegal event
 * changes nothing; when it came from another service it is announced as an anomaly.
 */
@Component
public class Transitions {

    private static final Logger log = LoggerFactory.getLogger(Transitions.class);
    private static final int ATTEMPTS = 20;

    private final ApplicationStore applications;
    private final LifecycleEngine engine;
    private final ConsumedEvents consumed;
    private final LifecyclePublisher publisher;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;

    Transitions(ApplicationStore applications, LifecycleEngine engine, ConsumedEvents consumed,
                LifecyclePublisher publisher, TransactionTemplate transaction, MeterRegistry meters) {
        this.applications = applications;
        this.engine = engine;
        this.consumed = consumed;
        this.publisher = publisher;
        this.transaction = transaction;
        this.meters = meters;
    }

    sealed interface Outcome permits Applied, Illegal, Duplicate, Missing {
    }

    record Applied(StoredApplication before, ApplicationState after) implements Outcome {
    }

    record Illegal(ApplicationState current) implements Outcome {
    }

    record Duplicate() implements Outcome {
    }

    record Missing() implements Outcome {
    }

    /** Creates the application, which must be in the lifecycle's initial state, in the caller's transaction. */
    StoredApplication begin(StoredApplication stored, String idempotencyKey, Change.Cause cause, Change.FollowUp followUp) {
        ApplicationState initial = engine.initial();
        if (stored.application().state() != initial) {
            throw new IllegalArgumentException("an application starts in " + initial + ", not " + stored.application().state());
        }
        applications.insert(stored, idempotencyKey);
        applications.recordCreation(stored.applicationId(), initial, "SUBMITTED", cause.eventId(), cause.actor());
        publisher.statusChanged(stored, null, initial, new LifecyclePublisher.Announcement(cause.eventType(), Money.ZERO,
                null, cause.detail(), cause.eventId()));
        followUp.apply(stored, initial);
        meters.counter("loanflow.lifecycle.transitions", "to", initial.name()).increment();
        return stored;
    }

    Outcome apply(String applicationId, Change change) {
        // a redelivered event is found in the transaction, when recording it as consumed writes nothing: no read before it
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> applyOnce(applicationId, change));
            } catch (ConcurrentChange conflict) {
                if (attempt == ATTEMPTS) {
                    throw conflict;
                }
                pauseBeforeRetry();
            }
        }
    }

    private Outcome applyOnce(String applicationId, Change change) {
        Optional<StoredApplication> found = applications.find(applicationId);
        if (found.isEmpty()) {
            return new Missing();
        }
        StoredApplication before = found.get();
        Application application = before.application();
        Change.Cause cause = change.cause;
        Optional<ApplicationState> next = engine.apply(application.state(), change.event, application.refunding(),
                change.guardAmount.apply(before));
        if (next.isEmpty()) {
            return illegal(application, change);
        }
        ApplicationState after = next.get();
        switch (applications.transition(new TransitionRow(applicationId, application.version(), application.state(), after,
                change.event.name(), cause.detail(), cause.eventId(), cause.eventType(), cause.actor(), change.preApproved,
                change.bankApplication, change.refunded))) {
            case ALREADY_CONSUMED -> {
                return new Duplicate();
            }
            case VERSION_MOVED -> throw new ConcurrentChange();
            case WRITTEN -> { }
        }
        Money refundedTotal = change.refunded == null ? application.refunded() : application.refunded().plus(change.refunded);
        publisher.statusChanged(before, application.state(), after, new LifecyclePublisher.Announcement(cause.eventType(),
                refundedTotal, change.bankApplication != null ? change.bankApplication : before.bankApplication(),
                change.announcedDetail, cause.eventId()));
        change.followUp.apply(before, after);
        meters.counter("loanflow.lifecycle.transitions", "to", after.name()).increment();
        return new Applied(before, after);
    }

    private Outcome illegal(Application application, Change change) {
        Change.Cause cause = change.cause;
        if (cause.eventId() == null) {
            return new Illegal(application.state());
        }
        if (!consumed.record(cause.eventId(), cause.eventType())) {
            return new Duplicate();
        }
        meters.counter("loanflow.lifecycle.anomalies", "event", change.event.name(), "status", application.state().name())
                .increment();
        log.warn("lifecycle anomaly: {} is not legal for application {} in {}", change.event, application.applicationId(),
                application.state());
        publisher.anomaly(application, cause.eventType(), cause.eventId(),
                change.event + " is not legal in " + application.state());
        return new Illegal(application.state());
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Another transaction moved the application first; the event is applied again to the new state. */
    public static final class ConcurrentChange extends RuntimeException {
    }
}
