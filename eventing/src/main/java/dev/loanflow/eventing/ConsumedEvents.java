package dev.loanflow.eventing;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Exactly once in effect for consumed events: the event's id is recorded in the same transaction as its effect, so
 * a redelivered event, or one a concurrent consumer already handled, changes nothing. The one idempotency API of
 * every service.
 */
public interface ConsumedEvents {

    /** A cheap check before slow work (calling a bank); {@link #applyOnce} still decides. */
    boolean alreadyConsumed(String eventId);

    /** {@link #alreadyConsumed} for a poll's events at once: those of them consumed before. */
    Set<String> alreadyConsumedAmong(Collection<String> eventIds);

    /** In the caller's transaction: true the first time; false when the event was consumed before. */
    boolean record(String eventId, String eventType);

    /** In the caller's transaction: the ids recorded now, not those consumed before. */
    Set<String> recordAll(Collection<String> eventIds, String eventType);

    /** Records the event and runs its effect in one transaction; does nothing if the event was consumed before. */
    void applyOnce(String eventId, String eventType, Runnable effect);

    /**
     * Records a batch of events and runs the effect on those not consumed before, all in one transaction: one commit
     * for a poll's worth of records. An event twice in the batch counts once.
     */
    <E> void applyOnceEach(List<E> events, Function<E, String> eventId, String eventType, Consumer<List<E>> effect);
}
