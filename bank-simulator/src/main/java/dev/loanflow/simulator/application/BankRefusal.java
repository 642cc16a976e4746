package dev.loanflow.simulator.application;

/** A request the bank refuses before doing anything: bad input, an unknown reference, a broken rule. */
public final class BankRefusal extends RuntimeException {

    private final Kind kind;
    private final String errorCode;
    private final String referenceId;

    public BankRefusal(Kind kind, String errorCode, String message) {
        this(kind, errorCode, message, null);
    }

    public BankRefusal(Kind kind, String errorCode, String message, String referenceId) {
        super(message);
        this.kind = kind;
        this.errorCode = errorCode;
        this.referenceId = referenceId;
    }

    public static BankRefusal invalid(String message) {
        return new BankRefusal(Kind.INVALID, "VALIDATION_ERROR", message);
    }

    public static BankRefusal notFound(String what) {
        return new BankRefusal(Kind.NOT_FOUND, "NOT_FOUND", what + " not found");
    }

    public Kind kind() {
        return kind;
    }

    public String errorCode() {
        return errorCode;
    }

    /** The existing application's reference, when the refusal is about a duplicate order id. */
    public String referenceId() {
        return referenceId;
    }

    public enum Kind {
        INVALID, NOT_FOUND
    }
}
