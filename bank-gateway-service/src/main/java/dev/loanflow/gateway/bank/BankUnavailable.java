package dev.loanflow.gateway.bank;

/** The bank did not answer usefully (5xx, time-out, connection refused, circuit open): worth trying again later. */
public class BankUnavailable extends RuntimeException {

    public BankUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public BankUnavailable(String message) {
        super(message);
    }
}
