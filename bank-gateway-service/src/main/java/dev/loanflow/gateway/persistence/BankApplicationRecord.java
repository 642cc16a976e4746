package dev.loanflow.gateway.persistence;

import java.time.Instant;

/** One row of bank_application. */
public record BankApplicationRecord(String applicationId, String merchantId, String orderId, String bankCode,
                                    String preApprovalReferenceId, String loanReferenceId, String status,
                                    String correlationId, Instant timeToLive) {

    public static final String PRE_APPROVED = "PRE_APPROVED";
    public static final String DECLINED = "DECLINED";
    public static final String STARTED = "STARTED";
}
