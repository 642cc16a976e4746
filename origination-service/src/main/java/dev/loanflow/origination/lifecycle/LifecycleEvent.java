package dev.loanflow.origination.lifecycle;

/** What can happen to an application. Which of these are legal in which state is {@link LoanLifecycle}'s business. */
public enum LifecycleEvent {
    PRE_APPROVED,
    PRE_APPROVAL_DECLINED,
    BANK_APPLICATION_CREATED,
    BANK_APPROVED,
    BANK_REJECTED,
    CANCELLATION_REQUESTED,
    CANCELLED_AT_BANK,
    FAILED,
    TIMED_OUT,
    REFUND_REQUESTED,
    REFUNDED,
    REFUND_ANOMALY
}
