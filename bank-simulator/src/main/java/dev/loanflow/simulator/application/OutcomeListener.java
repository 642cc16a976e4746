package dev.loanflow.simulator.application;

/** Told when an application reaches the customer's outcome (the bank's callback). */
public interface OutcomeListener {

    void completed(LoanApplication application);
}
