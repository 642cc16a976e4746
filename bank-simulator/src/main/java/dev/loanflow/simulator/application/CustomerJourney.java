package dev.loanflow.simulator.application;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The customer's visit to the bank's page: some time after the application, the customer's scenario decides the
 * outcome; an application still waiting past its time to live times out. Each outcome is reported once.
 */
public final class CustomerJourney implements AutoCloseable {

    private final ApplicationStore store;
    private final OutcomeListener listener;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "customer-journey");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Duration decisionDelay;

    public CustomerJourney(ApplicationStore store, OutcomeListener listener, Duration decisionDelay,
                           Duration timeoutSweepInterval, Clock clock) {
        this.store = store;
        this.listener = listener;
        this.decisionDelay = decisionDelay;
        this.clock = clock;
        scheduler.scheduleWithFixedDelay(this::sweepTimeouts, timeoutSweepInterval.toMillis(),
                timeoutSweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void begin(LoanApplication application) {
        LoanStatus outcome = switch (application.scenario()) {
            case APPROVE, REFUND_ANOMALY -> LoanStatus.APPROVED;
            case REJECT, DECLINE_PRE_APPROVAL -> LoanStatus.REJECTED;
            case CANCEL -> LoanStatus.CANCELLED;
            case FAIL -> LoanStatus.FAILED;
            case ABANDON -> null;
        };
        if (outcome != null && !decisionDelay.isNegative()) {
            scheduler.schedule(() -> decide(application, outcome), decisionDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Completes a waiting application now; false when it was no longer waiting. */
    public boolean decide(LoanApplication application, LoanStatus outcome) {
        if (!application.complete(outcome)) {
            return false;
        }
        listener.completed(application);
        return true;
    }

    /** A negative delay leaves every decision to the sandbox API. */
    public void setDecisionDelay(Duration decisionDelay) {
        this.decisionDelay = decisionDelay;
    }

    public Duration decisionDelay() {
        return decisionDelay;
    }

    void sweepTimeouts() {
        store.takeExpired(clock.instant()).forEach(application -> decide(application, LoanStatus.TIMEOUT));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
