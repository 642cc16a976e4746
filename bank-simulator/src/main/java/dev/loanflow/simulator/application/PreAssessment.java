package dev.loanflow.simulator.application;

import java.math.BigDecimal;
import java.time.Instant;

/** The outcome of a pre-credit assessment; an approved one admits exactly one loan application. */
public record PreAssessment(String referenceId, String sessionReferenceId, long merchantNo, String bankCode, String orderId,
                            String nationalIdentityNumber, String gsmNumber, int maxTerm, BigDecimal cartTotal,
                            CustomerScenario scenario, boolean approved, Instant createdAt) {
}
