package dev.loanflow.eventing;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exactly once in effect for consumed events: the event's id is recorded in the same transaction as its effect, so
 * a redelivered event, or one a concurrent consumer already handled, changes nothing.
 */
public final class ConsumedEvents {

    private final ProcessedEvents processed;
    private final TransactionTemplate transaction;

    public ConsumedEvents(ProcessedEvents processed, TransactionTemplate transaction) {
        this.processed = processed;
        this.transaction = transaction;
    }

    /** A cheap check before slow work (calling a bank); {@link #applyOnce} still decides. */
    public boolean alreadyProcessed(String eventId) {
        return processed.alreadyProcessed(eventId);
    }

    /** Records the event and runs its effect in one transaction; does nothing if the event was processed before. */
    public void applyOnce(String eventId, String eventType, Runnable effect) {
        transaction.executeWithoutResult(status -> {
            if (processed.markProcessed(eventId, eventType)) {
                effect.run();
            }
        });
    }
}
