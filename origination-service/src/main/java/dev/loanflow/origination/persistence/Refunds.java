package dev.loanflow.origination.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.loanflow.origination.application.RefundBook;

@Repository
public class Refunds implements RefundBook {

    private final JdbcClient jdbc;

    Refunds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record RefundRow(String refundId, BigDecimal amount, String status, String detail, Instant requestedAt) {
    }

    @Override
    public void requested(String refundId, String applicationId, BigDecimal amount) {
        jdbc.sql("insert into refund (refund_id, application_id, amount, status) values (?, ?, ?, 'REQUESTED')")
                .params(refundId, applicationId, amount).update();
    }

    @Override
    public void completed(String refundId, String status, String detail) {
        jdbc.sql("update refund set status = ?, detail = ?, completed_at = now() where refund_id = ?")
                .params(status, detail, refundId).update();
    }

    @Override
    public BigDecimal pendingTotal(String applicationId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from refund where application_id = ? and status = 'REQUESTED'")
                .param(applicationId).query(BigDecimal.class).single();
    }

    public List<RefundRow> of(String applicationId) {
        return jdbc.sql("select refund_id, amount, status, detail, requested_at from refund where application_id = ? "
                        + "order by requested_at")
                .param(applicationId)
                .query((rs, n) -> new RefundRow(rs.getString(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }
}
