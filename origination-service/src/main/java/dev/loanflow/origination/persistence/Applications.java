package dev.loanflow.origination.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.loanflow.eventing.ProcessedEvents;
import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;
import dev.loanflow.schemas.AvroCodec;

@Repository
public class Applications {

    private static final String COLUMNS = "application_id, merchant_id, order_id, request_hash, status, version, "
            + "bank_code, term, loan_amount, refunded_total, time_to_live, callback_url, correlation_id, "
            + "loan_reference_id, detail, pre_approval_request, pre_approved, bank_application, created_at";

    private final JdbcClient jdbc;

    Applications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ApplicationRow row, String idempotencyKey) {
        jdbc.sql("insert into loan_application (application_id, merchant_id, order_id, idempotency_key, request_hash, "
                        + "status, bank_code, term, loan_amount, time_to_live, callback_url, correlation_id, pre_approval_request) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.applicationId(), row.merchantId(), row.orderId(), idempotencyKey, row.requestHash(),
                        row.status().name(), row.bankCode(), row.term(), row.loanAmount(), Timestamp.from(row.timeToLive()),
                        row.callbackUrl(), row.correlationId(), AvroCodec.encode(row.preApprovalRequest()))
                .update();
    }

    public Optional<ApplicationRow> find(String applicationId) {
        return jdbc.sql("select " + COLUMNS + " from loan_application where application_id = ?")
                .param(applicationId).query(Applications::map).optional();
    }

    public Optional<ApplicationRow> findForMerchant(String merchantId, String applicationId) {
        return find(applicationId).filter(row -> row.merchantId().equals(merchantId));
    }

    public Optional<ApplicationRow> findByOrder(String merchantId, String orderId) {
        return jdbc.sql("select " + COLUMNS + " from loan_application where merchant_id = ? and order_id = ?")
                .params(merchantId, orderId).query(Applications::map).optional();
    }

    public Optional<ApplicationRow> findByIdempotencyKey(String merchantId, String idempotencyKey) {
        return jdbc.sql("select " + COLUMNS + " from loan_application where merchant_id = ? and idempotency_key = ?")
                .params(merchantId, idempotencyKey).query(Applications::map).optional();
    }

    /** What {@link #transition} wrote. */
    public enum TransitionWrite { WRITTEN, ALREADY_CONSUMED, VERSION_MOVED }

    /**
     * In one statement: records the consumed event (when an event caused the transition), moves the application on if
     * nobody else did since it was read, and adds the transition to its history. Nothing is written when the event
     * was consumed before; on {@code VERSION_MOVED} the event is recorded, so the caller must roll back.
     */
    public TransitionWrite transition(String applicationId, long expectedVersion, ApplicationStatus from,
                                      ApplicationStatus to, String detail, String event, String consumedEventId,
                                      String consumedEventType, String actor) {
        List<Object> params = new ArrayList<>(12);
        String consumed;
        if (consumedEventId == null) {
            consumed = "consumed as (select 1)";
        } else {
            consumed = "consumed as (" + ProcessedEvents.RECORD + " returning 1)";
            params.addAll(Arrays.asList(consumedEventId, consumedEventType));
        }
        params.addAll(Arrays.asList(to.name(), detail, applicationId, expectedVersion,
                from.name(), to.name(), event, consumedEventId, actor));
        return jdbc.sql("with " + consumed + ", "
                        + "changed as (update loan_application set status = ?, version = version + 1, updated_at = now(), "
                        + "detail = coalesce(?, detail) where application_id = ? and version = ? "
                        + "and exists (select 1 from consumed) returning application_id), "
                        + "recorded as (insert into application_transition (application_id, from_status, to_status, event, "
                        + "caused_by, actor) select application_id, ?, ?, ?, ?, ? from changed) "
                        + "select (select count(*) from consumed) as consumed, (select count(*) from changed) as changed")
                .params(params)
                .query((rs, n) -> rs.getInt("consumed") == 0 ? TransitionWrite.ALREADY_CONSUMED
                        : rs.getInt("changed") == 0 ? TransitionWrite.VERSION_MOVED : TransitionWrite.WRITTEN)
                .single();
    }

    public void recordPreApproval(String applicationId, PreApproved preApproved) {
        updateColumn(applicationId, "pre_approved", preApproved);
    }

    public void recordBankApplication(String applicationId, BankApplicationCreated created) {
        jdbc.sql("update loan_application set bank_application = ?, loan_reference_id = ? where application_id = ?")
                .params(AvroCodec.encode(created), created.getApplicationReferenceId(), applicationId).update();
    }

    public void addRefunded(String applicationId, BigDecimal amount) {
        jdbc.sql("update loan_application set refunded_total = refunded_total + ? where application_id = ?")
                .params(amount, applicationId).update();
    }

    public void recordTransition(String applicationId, ApplicationStatus from, ApplicationStatus to, String event,
                                 String causedBy, String actor) {
        jdbc.sql("insert into application_transition (application_id, from_status, to_status, event, caused_by, actor) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(applicationId, from == null ? null : from.name(), to.name(), event, causedBy, actor).update();
    }

    public List<Transition> history(String applicationId) {
        return jdbc.sql("select from_status, to_status, event, caused_by, actor, occurred_at from application_transition "
                        + "where application_id = ? order by id")
                .param(applicationId)
                .query((rs, n) -> new Transition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    /**
     * Applications in each state, every state present (zero when none): the totals plus the changes not folded into
     * them yet (see {@link #foldStatusChanges}), never by counting the table.
     */
    public Map<ApplicationStatus, Long> countByStatus() {
        Map<ApplicationStatus, Long> counts = new EnumMap<>(ApplicationStatus.class);
        Arrays.stream(ApplicationStatus.values()).forEach(status -> counts.put(status, 0L));
        jdbc.sql("select status, sum(n) from (select status, n from application_status_total union all "
                        + moves("application_status_change") + ") counted group by status")
                .query((rs, n) -> counts.put(ApplicationStatus.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    /**
     * Adds the state changes a trigger recorded to the totals and deletes them, in one statement: a change is either
     * still recorded or in the totals, never both, whichever instance folds it.
     */
    public void foldStatusChanges() {
        jdbc.sql("with folded as (delete from application_status_change returning from_status, to_status), "
                        + "moves as (" + moves("folded") + ") insert into application_status_total (status, n) select status, sum(n) from moves group by status "
                        + "on conflict (status) do update set n = application_status_total.n + excluded.n")
                .update();
    }

    /** What recorded state changes do to each state's count: one in for the state entered, one out for the state left. */
    private static String moves(String changes) {
        return "select to_status as status, count(*) as n from " + changes + " where to_status is not null group by to_status "
                + "union all select from_status, -count(*) from " + changes + " where from_status is not null group by from_status";
    }

    /** Waiting applications past their time to live. */
    public List<String> expired(Instant now, int limit) {
        return jdbc.sql("select application_id from loan_application where status in ('NEW', 'PRE_APPROVED', 'STARTED') "
                        + "and time_to_live < ? order by time_to_live limit ?")
                .params(Timestamp.from(now), limit).query(String.class).list();
    }

    public Page report(String merchantId, Instant from, Instant to, List<String> statuses, int page, int size) {
        String filter = " from loan_application where merchant_id = ? and created_at >= ? and created_at < ?"
                + (statuses.isEmpty() ? "" : " and status = any(?)");
        Object[] params = statuses.isEmpty()
                ? new Object[] {merchantId, Timestamp.from(from), Timestamp.from(to)}
                : new Object[] {merchantId, Timestamp.from(from), Timestamp.from(to), statuses.toArray(String[]::new)};
        long total = jdbc.sql("select count(*)" + filter).params(params).query(Long.class).single();
        List<ApplicationRow> rows = jdbc.sql("select " + COLUMNS + filter
                        + " order by created_at desc, application_id limit " + size + " offset " + ((long) page * size))
                .params(params).query(Applications::map).list();
        return new Page(rows, total);
    }

    private void updateColumn(String applicationId, String column, SpecificRecord event) {
        jdbc.sql("update loan_application set " + column + " = ? where application_id = ?")
                .params(AvroCodec.encode(event), applicationId).update();
    }

    private static ApplicationRow map(ResultSet rs, int rowNumber) throws SQLException {
        return new ApplicationRow(rs.getString("application_id"), rs.getString("merchant_id"), rs.getString("order_id"),
                rs.getString("request_hash"), ApplicationStatus.valueOf(rs.getString("status")), rs.getLong("version"),
                rs.getString("bank_code"), rs.getInt("term"), rs.getBigDecimal("loan_amount"),
                rs.getBigDecimal("refunded_total"), rs.getTimestamp("time_to_live").toInstant(),
                rs.getString("callback_url"), rs.getString("correlation_id"), rs.getString("loan_reference_id"),
                rs.getString("detail"),
                (PreApprovalRequested) decode(PreApprovalRequested.class, rs.getBytes("pre_approval_request")),
                (PreApproved) decode(PreApproved.class, rs.getBytes("pre_approved")),
                (BankApplicationCreated) decode(BankApplicationCreated.class, rs.getBytes("bank_application")),
                rs.getTimestamp("created_at").toInstant());
    }

    private static SpecificRecord decode(Class<?> type, byte[] bytes) {
        return bytes == null ? null : AvroCodec.decode(type.getName(), bytes);
    }

    public record Transition(String from, String to, String event, String causedBy, String actor, Instant at) {
    }

    public record Page(List<ApplicationRow> rows, long total) {
    }
}
