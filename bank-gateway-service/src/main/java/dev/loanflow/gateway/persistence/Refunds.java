package dev.loanflow.gateway.persistence;

import java.math.BigDecimal;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Refunds {

    public static final String PENDING = "PENDING";

    private final JdbcClient jdbc;

    Refunds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record RefundRecord(String refundId, String applicationId, BigDecimal amount, BigDecimal refundedBefore, String status) {
    }

    public Optional<RefundRecord> find(String refundId) {
        return jdbc.sql("select refund_id, application_id, amount, refunded_before, status from refund where refund_id = ?")
                .param(refundId)
                .query((row, n) -> new RefundRecord(row.getString(1), row.getString(2), row.getBigDecimal(3),
                        row.getBigDecimal(4), row.getString(5)))
                .optional();
    }

    /** Remembers what was refunded before this refund is attempted, so a retry can tell whether it happened. */
    public void recordAttempt(String refundId, String applicationId, BigDecimal amount, BigDecimal refundedBefore) {
        jdbc.sql("insert into refund (refund_id, application_id, amount, refunded_before, status) values (?, ?, ?, ?, 'PENDING') "
                        + "on conflict (refund_id) do nothing")
                .params(refundId, applicationId, amount, refundedBefore).update();
    }

    public void finish(String refundId, String status, String bankReferenceId) {
        jdbc.sql("update refund set status = ?, bank_reference_id = ?, updated_at = now() where refund_id = ?")
                .params(status, bankReferenceId, refundId).update();
    }
}
