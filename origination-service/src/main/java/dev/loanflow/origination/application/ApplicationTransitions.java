package dev.loanflow.origination.application;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

import dev.loanflow.eventing.ProcessedEvents;
import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.origination.lifecycle.LifecycleEngine;
import dev.loanflow.origination.lifecycle.LifecycleEvent;
import dev.loanflow.origination.persistence.ApplicationRow;
import dev.loanflow.origination.persistence.Applications;

/**
 * Applies one lifecycle event to a stored application: the state machine decides, the new state is written only if
 * the row's version did not move (retried when it did), and the history, the consumed event's id and the outgoing
 * events commit in the same transaction. An illegal event changes nothing and is reported as an anomaly.
 */
@Component
public class ApplicationTransitions {

    private static final Logger log = LoggerFactory.getLogger(ApplicationTransitions.class);
    private static final int ATTEMPTS = 20;

    private final Applications applications;
    private final LifecycleEngine engine;
    private final ProcessedEvents processed;
    private final LifecycleMessages messages;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;

    ApplicationTransitions(Applications applications, LifecycleEngine engine, ProcessedEvents processed,
                           LifecycleMessages messages, TransactionTemplate transaction, MeterRegistry meters) {
        this.applications = applications;
        this.engine = engine;
        this.processed = processed;
        this.messages = messages;
        this.transaction = transaction;
        this.meters = meters;
    }

    /** Why an event happens: the consumed event (if any), who caused it, and a detail for unhappy outcomes. */
    record Cause(String eventId, String eventType, String actor, String detail) {
    }

    /** Extra writes and messages that belong to the transition, in its transaction. */
    interface Effects {
        void apply(ApplicationRow before, ApplicationStatus after);

        Effects NONE = (before, after) -> { };
    }

    sealed interface Outcome permits Applied, Illegal, Duplicate, Missing {
    }

    record Applied(ApplicationRow before, ApplicationStatus after) implements Outcome {
    }

    record Illegal(ApplicationStatus current) implements Outcome {
    }

    record Duplicate() implements Outcome {
    }

    record Missing() implements Outcome {
    }

    Outcome apply(String applicationId, LifecycleEvent event, BigDecimal amount, Cause cause, boolean reportIllegal,
                  Effects effects) {
        return apply(applicationId, event, row -> amount, cause, reportIllegal, effects);
    }

    /** @param amountFor the refund amount the guards check, worked out from the application as this attempt reads it */
    Outcome apply(String applicationId, LifecycleEvent event, Function<ApplicationRow, BigDecimal> amountFor, Cause cause,
                  boolean reportIllegal, Effects effects) {
        // a redelivered event is found in the transaction, when recording it as consumed writes nothing: no read before it
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> applyOnce(applicationId, event, amountFor, cause, reportIllegal, effects));
            } catch (ConcurrentChange conflict) {
                if (attempt == ATTEMPTS) {
                    throw conflict;
                }
                pauseBeforeRetry();
            }
        }
    }

    private Outcome applyOnce(String applicationId, LifecycleEvent event, Function<ApplicationRow, BigDecimal> amountFor,
                              Cause cause, boolean reportIllegal, Effects effects) {
        Optional<ApplicationRow> found = applications.find(applicationId);
        if (found.isEmpty()) {
            return new Missing();
        }
        ApplicationRow row = found.get();
        Optional<ApplicationStatus> next = engine.apply(row.status(), event, row.loanAmount(), row.refundedTotal(),
                amountFor.apply(row));
        if (next.isEmpty()) {
            if (cause.eventId() != null && !processed.markProcessed(cause.eventId(), cause.eventType())) {
                return new Duplicate();
            }
            if (reportIllegal) {
                meters.counter("loanflow.lifecycle.anomalies", "event", event.name(), "status", row.status().name()).increment();
                log.warn("lifecycle anomaly: {} is not legal for application {} in {}", event, applicationId, row.status());
                messages.anomaly(row, cause.eventType(), cause.eventId(), event + " is not legal in " + row.status());
            }
            return new Illegal(row.status());
        }
        ApplicationStatus after = next.get();
        switch (applications.transition(applicationId, row.version(), row.status(), after, cause.detail(), event.name(),
                cause.eventId(), cause.eventType(), cause.actor())) {
            case ALREADY_CONSUMED -> {
                return new Duplicate();
            }
            case VERSION_MOVED -> throw new ConcurrentChange();
            case WRITTEN -> { }
        }
        effects.apply(row, after);
        meters.counter("loanflow.lifecycle.transitions", "to", after.name()).increment();
        return new Applied(row, after);
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Another transaction moved the application first; the event is applied again to the new state. */
    public static final class ConcurrentChange extends RuntimeException {
    }
}
