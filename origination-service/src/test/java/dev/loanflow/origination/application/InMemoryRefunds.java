package dev.loanflow.origination.application;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Refunds in memory: amount and status by refund id. */
final class InMemoryRefunds implements RefundBook {

    record Refund(String applicationId, BigDecimal amount, String status, String detail) {
    }

    final Map<String, Refund> refunds = new LinkedHashMap<>();

    @Override
    public void requested(String refundId, String applicationId, BigDecimal amount) {
        refunds.put(refundId, new Refund(applicationId, amount, "REQUESTED", null));
    }

    @Override
    public void completed(String refundId, String status, String detail) {
        refunds.computeIfPresent(refundId, (id, refund) -> new Refund(refund.applicationId(), refund.amount(), status, detail));
    }

    @Override
    public BigDecimal pendingTotal(String applicationId) {
        return refunds.values().stream().filter(r -> r.applicationId().equals(applicationId) && r.status().equals("REQUESTED"))
                .map(Refund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
