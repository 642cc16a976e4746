package dev.loanflow.origination.domain;

/**
 * Where an application is; the names are the contract's {@code ApplicationStatus}, and which moves between them are
 * legal is the lifecycle's business.
 */
public enum ApplicationState {
    NEW,
    PRE_APPROVED,
    PRE_APPROVAL_DECLINED,
    STARTED,
    APPROVED,
    REJECTED,
    CANCELLED,
    FAILED,
    TIMEOUT,
    REFUNDED_PARTIAL,
    REFUNDED,
    REFUNDED_ANOMALY
}
