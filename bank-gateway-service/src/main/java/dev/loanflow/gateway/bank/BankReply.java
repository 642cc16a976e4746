package dev.loanflow.gateway.bank;

import java.util.function.Function;

/** What the bank answered: a body, or a refusal with its documented error body. */
public sealed interface BankReply<T> {

    record Answered<T>(T body) implements BankReply<T> {
    }

    /** HTTP 4xx with the bank's documented error body. */
    record Refused<T>(int httpStatus, String errorCode, String message) implements BankReply<T> {
    }

    /** The body; a refusal of a read that should always answer is treated as the bank being unavailable. */
    default T bodyOrUnavailable(String what) {
        return fold(body -> body, refused -> {
            throw new BankUnavailable("the bank refused " + what + ": " + refused.errorCode() + " " + refused.message());
        });
    }

    default <R> R fold(Function<T, R> answered, Function<Refused<T>, R> refused) {
        return this instanceof Answered<T> answer ? answered.apply(answer.body()) : refused.apply((Refused<T>) this);
    }
}
