package dev.loanflow.gateway.bank;

/**
 * The bank did not answer usefully (5xx, time-out, connection refused or dropped, circuit open): worth trying again
 * later. Whether the bank may have acted matters for money operations: a call that never left (circuit open, no
 * connection, no token) did nothing; one whose answer was lost may have done everything.
 */
public class BankUnavailable extends RuntimeException {

    private final boolean mayHaveActed;

    public BankUnavailable(String message, Throwable cause) {
        this(message, cause, true);
    }

    public BankUnavailable(String message) {
        this(message, null, true);
    }

    protected BankUnavailable(String message, Throwable cause, boolean mayHaveActed) {
        super(message, cause);
        this.mayHaveActed = mayHaveActed;
    }

    /** The request never reached the bank. */
    public static BankUnavailable beforeSending(String message, Throwable cause) {
        return new BankUnavailable(message, cause, false);
    }

    public boolean mayHaveActed() {
        return mayHaveActed;
    }
}
