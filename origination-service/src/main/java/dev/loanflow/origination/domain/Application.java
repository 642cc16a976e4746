package dev.loanflow.origination.domain;

import java.time.Instant;

/**
 * A loan application as origination owns it: who asked, for what, where it is in its lifecycle, and the money.
 * The customer's sealed data and the bank's answers travel beside it, as the contract's records, in persistence.
 *
 * @param version         moves with every state change, so concurrent changes are detected
 * @param loanReferenceId the bank's reference of the loan, once the bank has it
 */
public record Application(String applicationId, String merchantId, String orderId, ApplicationState state,
                          long version, String bankCode, int term, Money loanAmount, Money refunded,
                          Instant timeToLive, String callbackUrl, String correlationId, String loanReferenceId,
                          String detail, Instant createdAt) {

    public Refunding refunding() {
        return new Refunding(loanAmount, refunded);
    }

    public Money remaining() {
        return refunding().remaining();
    }

    public boolean belongsTo(String merchant) {
        return merchantId.equals(merchant);
    }
}
