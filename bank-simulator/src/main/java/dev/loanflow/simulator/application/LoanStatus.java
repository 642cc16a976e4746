package dev.loanflow.simulator.application;

/** Application statuses exactly as the bank API lists them. */
public enum LoanStatus {
    NEW, STARTED, FAILED, APPROVED, REJECTED, CANCELLED, REFUNDED, REFUNDED_PARTIAL, REFUNDED_ANOMALY, TIMEOUT;

    public boolean awaitsCustomer() {
        return this == NEW || this == STARTED;
    }

    public boolean refundable() {
        return this == APPROVED || this == REFUNDED_PARTIAL;
    }
}
