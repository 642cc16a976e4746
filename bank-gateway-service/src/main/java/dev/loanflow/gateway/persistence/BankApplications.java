package dev.loanflow.gateway.persistence;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class BankApplications {

    private static final String COLUMNS = "application_id, merchant_id, order_id, bank_code, pre_approval_reference_id, "
            + "loan_reference_id, status, correlation_id, time_to_live";

    private final JdbcClient jdbc;

    BankApplications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<BankApplicationRecord> find(String applicationId) {
        return jdbc.sql("select " + COLUMNS + " from bank_application where application_id = ?")
                .param(applicationId).query(BankApplications::map).optional();
    }

    public Optional<BankApplicationRecord> findByLoanReference(String loanReferenceId) {
        return jdbc.sql("select " + COLUMNS + " from bank_application where loan_reference_id = ?")
                .param(loanReferenceId).query(BankApplications::map).optional();
    }

    /** The applications holding these loans, by loan reference, in one query. */
    public Map<String, BankApplicationRecord> findByLoanReferences(Collection<String> loanReferenceIds) {
        return jdbc.sql("select " + COLUMNS + " from bank_application where loan_reference_id = any(?)")
                .param(loanReferenceIds.toArray(String[]::new)).query(BankApplications::map).list().stream()
                .collect(Collectors.toMap(BankApplicationRecord::loanReferenceId, Function.identity()));
    }

    /** Records the pre-assessment's outcome; a later assessment of the same application replaces it. */
    public void savePreAssessment(String applicationId, String merchantId, String orderId, String bankCode,
                                  String preApprovalReferenceId, String status, String correlationId) {
        jdbc.sql("""
                insert into bank_application (application_id, merchant_id, order_id, bank_code,
                    pre_approval_reference_id, status, correlation_id)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (application_id) do update set pre_approval_reference_id = excluded.pre_approval_reference_id,
                    bank_code = excluded.bank_code, status = excluded.status, updated_at = now()
                """)
                .params(applicationId, merchantId, orderId, bankCode, preApprovalReferenceId, status, correlationId)
                .update();
    }

    public void saveStarted(String applicationId, String merchantId, String orderId, String bankCode,
                            String correlationId, String loanReferenceId, Instant timeToLive) {
        jdbc.sql("""
                insert into bank_application (application_id, merchant_id, order_id, bank_code, loan_reference_id,
                    status, correlation_id, time_to_live)
                values (?, ?, ?, ?, ?, 'STARTED', ?, ?)
                on conflict (application_id) do update set loan_reference_id = excluded.loan_reference_id,
                    status = 'STARTED', time_to_live = excluded.time_to_live, updated_at = now(), last_checked_at = now()
                """)
                .params(applicationId, merchantId, orderId, bankCode, loanReferenceId, correlationId,
                        Timestamp.from(timeToLive))
                .update();
    }

    /** Moves a waiting application to the bank's final status; false when it was no longer waiting. */
    public boolean completeIfWaiting(String applicationId, String status) {
        return jdbc.sql("update bank_application set status = ?, updated_at = now() "
                        + "where application_id = ? and status = 'STARTED'")
                .params(status, applicationId).update() == 1;
    }

    public void updateStatus(String applicationId, String status) {
        jdbc.sql("update bank_application set status = ?, updated_at = now() where application_id = ?")
                .params(status, applicationId).update();
    }

    /** Waiting applications not checked for a while, oldest check first; marks them checked now. */
    public List<BankApplicationRecord> claimStale(Duration olderThan, int limit) {
        return jdbc.sql("""
                update bank_application set last_checked_at = now()
                where application_id in (
                    select application_id from bank_application
                    where status = 'STARTED' and last_checked_at < now() - make_interval(secs => ?)
                    order by last_checked_at limit ? for update skip locked)
                """ + " returning " + COLUMNS)
                .params(olderThan.toMillis() / 1000.0, limit).query(BankApplications::map).list();
    }

    private static BankApplicationRecord map(java.sql.ResultSet row, int number) throws java.sql.SQLException {
        Timestamp ttl = row.getTimestamp("time_to_live");
        return new BankApplicationRecord(row.getString("application_id"), row.getString("merchant_id"),
                row.getString("order_id"), row.getString("bank_code"), row.getString("pre_approval_reference_id"),
                row.getString("loan_reference_id"), row.getString("status"), row.getString("correlation_id"),
                ttl == null ? null : ttl.toInstant());
    }
}
