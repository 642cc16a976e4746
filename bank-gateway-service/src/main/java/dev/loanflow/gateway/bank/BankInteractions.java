package dev.loanflow.gateway.bank;

/**
 * The audit trail of bank calls. Within {@link #recordTogether} a unit of work's calls are written in the transaction
 * that records what they led to ({@link #writeWithCurrentTransaction}), or, if none does, in one statement when the
 * unit ends, whatever its outcome; outside a unit, each call is written at once.
 */
public interface BankInteractions {

    void record(String applicationId, String bankCode, String operation, BankReply<?> reply, long durationMillis);

    void recordFailure(String applicationId, String bankCode, String operation, String outcome, long durationMillis);

    void recordTogether(Runnable unitOfWork);

    /** The unit's calls so far, written in the current transaction; should it roll back, they are written when the unit ends. */
    void writeWithCurrentTransaction();
}
