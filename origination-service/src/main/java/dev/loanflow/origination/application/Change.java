package dev.loanflow.origination.application;

import java.util.function.Function;

import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.PreApproved;
import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.lifecycle.LifecycleEvent;

/**
 * What a caller hands to {@link Transitions}: the lifecycle event, its cause, what it records on the application, and
 * what else leaves with it. Everything else (the legality check, the version check, history, the status
 * announcement, anomalies, idempotency, the outbox) is the transition's.
 */
public final class Change {

    /**
     * Why an event happens.
     *
     * @param eventId   the consumed event behind it (recorded as consumed with the transition), or null
     * @param eventType the name the history and the announcement give the trigger
     * @param actor     who caused it: BANK, MERCHANT or SYSTEM
     * @param detail    why, for unhappy outcomes: kept on the application and announced
     */
    public record Cause(String eventId, String eventType, String actor, String detail) {

        static Cause fromBank(EventMetadata consumed, String eventType, String detail) {
            return new Cause(consumed.getEventId(), eventType, "BANK", detail);
        }

        static Cause fromMerchant(String requestType, String detail) {
            return new Cause(null, requestType, "MERCHANT", detail);
        }

        static Cause fromSystem(String reason, String detail) {
            return new Cause(null, reason, "SYSTEM", detail);
        }
    }

    /** Extra writes and outgoing events that commit with the transition. */
    @FunctionalInterface
    public interface FollowUp {
        void apply(StoredApplication before, ApplicationState after);

        FollowUp NONE = (before, after) -> { };
    }

    final LifecycleEvent event;
    final Cause cause;
    final Function<StoredApplication, Money> guardAmount;
    final Money refunded;
    final PreApproved preApproved;
    final BankApplicationCreated bankApplication;
    final String announcedDetail;
    final FollowUp followUp;

    private Change(LifecycleEvent event, Cause cause, Function<StoredApplication, Money> guardAmount, Money refunded,
                   PreApproved preApproved, BankApplicationCreated bankApplication, String announcedDetail,
                   FollowUp followUp) {
        this.event = event;
        this.cause = cause;
        this.guardAmount = guardAmount;
        this.refunded = refunded;
        this.preApproved = preApproved;
        this.bankApplication = bankApplication;
        this.announcedDetail = announcedDetail;
        this.followUp = followUp;
    }

    public static Change of(LifecycleEvent event, Cause cause) {
        return new Change(event, cause, stored -> Money.ZERO, null, null, null, cause.detail(), FollowUp.NONE);
    }

    /** The bank's pre-approval, kept on the application. */
    Change recording(PreApproved answer) {
        return new Change(event, cause, guardAmount, refunded, answer, bankApplication, announcedDetail, followUp);
    }

    /** The bank's application (its reference, redirect and plan), kept on the application and announced. */
    Change recording(BankApplicationCreated answer) {
        return new Change(event, cause, guardAmount, refunded, preApproved, answer, announcedDetail, followUp);
    }

    /** A refund the bank executed: the guards weigh it and the application's refunded total grows by it. */
    Change refunding(Money executed) {
        return new Change(event, cause, stored -> executed, executed, preApproved, bankApplication, announcedDetail,
                followUp);
    }

    /** A refund asked for: the guards weigh it, worked out from the application as this attempt reads it. */
    Change requestingRefund(Function<StoredApplication, Money> requestedWithPending, String announced) {
        return new Change(event, cause, requestedWithPending, refunded, preApproved, bankApplication, announced, followUp);
    }

    Change then(FollowUp next) {
        return new Change(event, cause, guardAmount, refunded, preApproved, bankApplication, announcedDetail, next);
    }
}
