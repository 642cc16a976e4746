package dev.loanflow.gateway.bank;

import java.util.Optional;

/**
 * The bank did not answer usefully (5xx, time-out, connection refused or dropped, circuit open): worth trying again
 * later. Whether the bank may have acted matters for money operations: a call that never left (circuit open, no
 * connection, no token) did nothing; one whose answer was lost may have done everything.
 */
public class BankUnavailable extends RuntimeException {

    private final boolean mayHaveActed;
    /** The bank known to be down, when the call never left because its circuit breaker is open. */
    private final String bankDown;

    public BankUnavailable(String message, Throwable cause) {
        this(message, cause, true);
    }

    public BankUnavailable(String message) {
        this(message, null, true);
    }

    protected BankUnavailable(String message, Throwable cause, boolean mayHaveActed) {
        this(message, cause, mayHaveActed, null);
    }

    private BankUnavailable(String message, Throwable cause, boolean mayHaveActed, String bankDown) {
        super(message, cause);
        this.mayHaveActed = mayHaveActed;
        this.bankDown = bankDown;
    }

    /** The request never reached the bank. */
    public static BankUnavailable beforeSending(String message, Throwable cause) {
        return new BankUnavailable(message, cause, false);
    }

    /** The bank is known to be down (its circuit breaker is open): the request never left. */
    public static BankUnavailable bankDown(String bankCode, String message, Throwable cause) {
        return new BankUnavailable(message, cause, false, bankCode);
    }

    /** The bank known to be down somewhere in the failure's chain, if the failure is that. */
    public static Optional<String> bankDownIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BankUnavailable unavailable && unavailable.bankDown != null) {
                return Optional.of(unavailable.bankDown);
            }
        }
        return Optional.empty();
    }

    public boolean mayHaveActed() {
        return mayHaveActed;
    }
}
