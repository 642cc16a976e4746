package dev.loanflow.gateway.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refund attempts at the bank: claimed before the call, finished with what the bank said or parked as uncertain. */
@Repository
public class Refunds {

    public static final String PENDING = "PENDING";
    public static final String UNCERTAIN = "UNCERTAIN";

    private final JdbcClient jdbc;

    Refunds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record RefundRecord(String refundId, String applicationId, BigDecimal amount, BigDecimal refundedBefore,
                               String status, Instant claimedAt) {
    }

    public Optional<RefundRecord> find(String refundId) {
        return jdbc.sql("select refund_id, application_id, amount, refunded_before, status, created_at from refund "
                        + "where refund_id = ?")
                .param(refundId)
                .query((row, n) -> new RefundRecord(row.getString(1), row.getString(2), row.getBigDecimal(3),
                        row.getBigDecimal(4), row.getString(5), row.getTimestamp(6).toInstant()))
                .optional();
    }

    /**
     * Claims the refund for one call to the bank, remembering what was refunded before it, so that a lost answer can
     * be settled from the bank's total. False when this refund or another of the application is already in flight.
     */
    public boolean claim(String refundId, String applicationId, BigDecimal amount, BigDecimal refundedBefore) {
        return jdbc.sql("insert into refund (refund_id, application_id, amount, refunded_before, status) "
                        + "values (?, ?, ?, ?, 'PENDING') on conflict do nothing")
                .params(refundId, applicationId, amount, refundedBefore).update() == 1;
    }

    /** The call never reached the bank: the refund may be sent again. */
    public void release(String refundId) {
        jdbc.sql("delete from refund where refund_id = ? and status = 'PENDING'").param(refundId).update();
    }

    public void finish(String refundId, String status, String bankReferenceId) {
        jdbc.sql("update refund set status = ?, bank_reference_id = ?, updated_at = now() where refund_id = ?")
                .params(status, bankReferenceId, refundId).update();
    }

    public List<RefundRecord> uncertain() {
        return jdbc.sql("select refund_id, application_id, amount, refunded_before, status, created_at from refund "
                        + "where status = 'UNCERTAIN' order by updated_at")
                .query((row, n) -> new RefundRecord(row.getString(1), row.getString(2), row.getBigDecimal(3),
                        row.getBigDecimal(4), row.getString(5), row.getTimestamp(6).toInstant()))
                .list();
    }

    public long countUncertain() {
        return jdbc.sql("select count(*) from refund where status = 'UNCERTAIN'").query(Long.class).single();
    }

    /** What the bank has refunded of this application, as far as we know: the refunds it confirmed. */
    public BigDecimal doneTotal(String applicationId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from refund where application_id = ? and status = 'DONE'")
                .param(applicationId).query(BigDecimal.class).single();
    }

    /** Refunds of this application whose outcome nobody knows yet: in flight or uncertain. */
    public boolean unsettled(String applicationId) {
        return jdbc.sql("select count(*) from refund where application_id = ? and status in ('PENDING', 'UNCERTAIN')")
                .param(applicationId).query(Long.class).single() > 0;
    }
}
