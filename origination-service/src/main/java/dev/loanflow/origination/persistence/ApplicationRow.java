package dev.loanflow.origination.persistence;

import java.math.BigDecimal;
import java.time.Instant;

import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;

/** One stored application; the sealed request and the bank's answers are kept as the events that carried them. */
public record ApplicationRow(String applicationId, String merchantId, String orderId, String requestHash,
                             ApplicationStatus status, long version, String bankCode, int term, BigDecimal loanAmount,
                             BigDecimal refundedTotal, Instant timeToLive, String callbackUrl, String correlationId,
                             String loanReferenceId, String detail, PreApprovalRequested preApprovalRequest,
                             PreApproved preApproved, BankApplicationCreated bankApplication, Instant createdAt) {

    public BigDecimal remaining() {
        return loanAmount.subtract(refundedTotal);
    }
}
