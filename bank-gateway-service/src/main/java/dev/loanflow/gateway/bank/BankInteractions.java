package dev.loanflow.gateway.bank;

/** The audit trail of bank calls. */
public interface BankInteractions {

    void record(String applicationId, String bankCode, String operation, BankReply<?> reply, long durationMillis);

    void recordFailure(String applicationId, String bankCode, String operation, String outcome, long durationMillis);
}
