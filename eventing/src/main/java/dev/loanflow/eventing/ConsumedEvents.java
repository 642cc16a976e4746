package dev.loanflow.eventing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

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

    /**
     * Records a batch of events and runs the effect on those not processed before, all in one transaction: one commit
     * for a poll's worth of records. An event twice in the batch counts once.
     */
    public <E> void applyOnceEach(List<E> events, Function<E, String> eventId, String eventType, Consumer<List<E>> effect) {
        transaction.executeWithoutResult(status -> {
            List<String> ids = events.stream().map(eventId).distinct().toList();
            Set<String> fresh = new HashSet<>(processed.markAllProcessed(ids, eventType));
            List<E> firstTime = new ArrayList<>(fresh.size());
            for (E event : events) {
                if (fresh.remove(eventId.apply(event))) { // the first of its copies in the batch
                    firstTime.add(event);
                }
            }
            if (!firstTime.isEmpty()) {
                effect.accept(firstTime);
            }
        });
    }
}
