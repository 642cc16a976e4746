package dev.loanflow.simulator.application;

/** One of the facilitator's banks does not answer; nothing was done. The facilitator answers 503 for its calls. */
public final class BankDown extends RuntimeException {

    public BankDown(String bankCode) {
        super("Bank " + bankCode + " is not answering");
    }
}
