package dev.loanflow.gateway.application;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.loanflow.eventing.ConsumedEvents;
import dev.loanflow.events.EventMetadata;

/**
 * The one way a request to the bank is handled: a request consumed before is skipped; the bank is called outside any
 * transaction (a database transaction never waits on the bank); then what the bank said is applied once, with the
 * request recorded as consumed in the same transaction. Whether a poll's requests were consumed before is asked once
 * for the whole poll ({@link #checkPoll}); a request outside a checked poll (one that waited for its bank) is asked
 * about alone.
 */
@Component
public class CallBankThenApplyOnce {

    private final ConsumedEvents consumed;
    private final Set<String> freshInAPoll = ConcurrentHashMap.newKeySet();

    CallBankThenApplyOnce(ConsumedEvents consumed) {
        this.consumed = consumed;
    }

    /** Asks once which of a poll's requests were consumed before; the others are handled without asking again. */
    public void checkPoll(Collection<String> eventIds) {
        Set<String> before = consumed.alreadyConsumedAmong(eventIds);
        eventIds.stream().filter(eventId -> !before.contains(eventId)).forEach(freshInAPoll::add);
    }

    /** The poll is handled: what was learnt about its requests no longer holds. */
    public void pollDone(Collection<String> eventIds) {
        freshInAPoll.removeAll(eventIds);
    }

    /** @return what the bank said, or empty when the request was consumed before */
    <R> Optional<R> handle(EventMetadata request, String requestType, Supplier<R> callBank, Consumer<R> apply) {
        // a fresh answer is used once: a copy of the request later in the same poll is asked about again
        if (!freshInAPoll.remove(request.getEventId()) && consumed.alreadyConsumed(request.getEventId())) {
            return Optional.empty();
        }
        R answer = callBank.get();
        consumed.applyOnce(request.getEventId(), requestType, () -> apply.accept(answer));
        return Optional.of(answer);
    }
}
