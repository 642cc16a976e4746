package dev.loanflow.origination.application;

import java.math.BigDecimal;

/** The merchant's refunds of an application, as the use cases record them. */
public interface RefundBook {

    void requested(String refundId, String applicationId, BigDecimal amount);

    void completed(String refundId, String status, String detail);

    /** What is asked for and not yet settled by the bank. */
    BigDecimal pendingTotal(String applicationId);
}
