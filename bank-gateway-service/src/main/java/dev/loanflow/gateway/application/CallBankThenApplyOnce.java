package dev.loanflow.gateway.application;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.loanflow.eventing.ConsumedEvents;
import dev.loanflow.events.EventMetadata;

/**
 * The one way a request to the bank is handled: a request consumed before is skipped; the bank is called outside any
 * transaction (a database transaction never waits on the bank); then what the bank said is applied once, with the
 * request recorded as consumed in the same transaction.
 */
@Component
class CallBankThenApplyOnce {

    private final ConsumedEvents consumed;

    CallBankThenApplyOnce(ConsumedEvents consumed) {
        this.consumed = consumed;
    }

    /** @return what the bank said, or empty when the request was consumed before */
    <R> Optional<R> handle(EventMetadata request, String requestType, Supplier<R> callBank, Consumer<R> apply) {
        if (consumed.alreadyConsumed(request.getEventId())) {
            return Optional.empty();
        }
        R answer = callBank.get();
        consumed.applyOnce(request.getEventId(), requestType, () -> apply.accept(answer));
        return Optional.of(answer);
    }
}
