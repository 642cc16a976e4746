package dev.loanflow.gateway.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refund attempts at the bank: claimed before the call, finished with what the bank said or parked as uncertain. */
@Repository
public class Refunds {

    public static final String PENDING = "PENDING";
    public static final String UNCERTAIN = "UNCERTAIN";
    private static final String COLUMNS = "refund_id, application_id, amount, refunded_before, status, created_at";

    private final JdbcClient jdbc;

    Refunds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record RefundRecord(String refundId, String applicationId, BigDecimal amount, BigDecimal refundedBefore,
                               String status, Instant claimedAt) {
    }

    public Optional<RefundRecord> find(String refundId) {
        return jdbc.sql("select " + COLUMNS + " from refund where refund_id = ?").param(refundId).query(Refunds::map)
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
        return jdbc.sql("select " + COLUMNS + " from refund where status = 'UNCERTAIN' order by updated_at")
                .query(Refunds::map).list();
    }

    public long countUncertain() {
        return jdbc.sql("select count(*) from refund where status = 'UNCERTAIN'").query(Long.class).single();
    }

    /**
     * What the bank confirmed refunding of each application, and whether one of its refunds is still open (in flight
     * or uncertain); applications without refunds are absent.
     */
    public Map<String, Position> positions(Collection<String> applicationIds) {
        return jdbc.sql("select application_id, coalesce(sum(amount) filter (where status = 'DONE'), 0), "
                        + "bool_or(status in ('PENDING', 'UNCERTAIN')) from refund where application_id = any(?) "
                        + "group by application_id")
                .param(applicationIds.toArray(String[]::new))
                .query((row, n) -> Map.entry(row.getString(1), new Position(row.getBigDecimal(2), row.getBoolean(3))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static RefundRecord map(ResultSet row, int number) throws SQLException {
        return new RefundRecord(row.getString(1), row.getString(2), row.getBigDecimal(3), row.getBigDecimal(4),
                row.getString(5), row.getTimestamp(6).toInstant());
    }

    /** @param open a refund of the application is in flight or uncertain: its total is not known yet */
    public record Position(BigDecimal done, boolean open) {
    }
}
