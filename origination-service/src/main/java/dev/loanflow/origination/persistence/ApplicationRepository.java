package dev.loanflow.origination.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.loanflow.eventing.JdbcConsumedEvents;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;
import dev.loanflow.origination.application.ApplicationStore;
import dev.loanflow.origination.application.StoredApplication;
import dev.loanflow.origination.domain.Application;
import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.schemas.StoredEvents;

/** Where applications are written and found, one at a time; reading many is {@link ApplicationQueries}' job. */
@Repository
public class ApplicationRepository implements ApplicationStore {

    static final String COLUMNS = "application_id, merchant_id, order_id, request_hash, status, version, "
            + "bank_code, term, loan_amount, refunded_total, time_to_live, callback_url, correlation_id, "
            + "loan_reference_id, detail, pre_approval_request, pre_approved, bank_application, created_at";

    private final JdbcClient jdbc;
    private final StoredEvents storedEvents;

    ApplicationRepository(JdbcClient jdbc, StoredEvents storedEvents) {
        this.jdbc = jdbc;
        this.storedEvents = storedEvents;
    }

    @Override
    public void insert(StoredApplication stored, String idempotencyKey) {
        Application application = stored.application();
        jdbc.sql("insert into loan_application (application_id, merchant_id, order_id, idempotency_key, request_hash, "
                        + "status, bank_code, term, loan_amount, time_to_live, callback_url, correlation_id, pre_approval_request) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(application.applicationId(), application.merchantId(), application.orderId(), idempotencyKey,
                        stored.requestHash(), application.state().name(), application.bankCode(), application.term(),
                        application.loanAmount().amount(), Timestamp.from(application.timeToLive()),
                        application.callbackUrl(), application.correlationId(), storedEvents.encode(stored.preApprovalRequest()))
                .update();
    }

    @Override
    public Optional<StoredApplication> find(String applicationId) {
        return jdbc.sql("select " + COLUMNS + " from loan_application where application_id = ?")
                .param(applicationId).query(this::map).optional();
    }

    @Override
    public Optional<StoredApplication> findByOrder(String merchantId, String orderId) {
        return jdbc.sql("select " + COLUMNS + " from loan_application where merchant_id = ? and order_id = ?")
                .params(merchantId, orderId).query(this::map).optional();
    }

    @Override
    public Optional<StoredApplication> findByIdempotencyKey(String merchantId, String idempotencyKey) {
        return jdbc.sql("select " + COLUMNS + " from loan_application where merchant_id = ? and idempotency_key = ?")
                .params(merchantId, idempotencyKey).query(this::map).optional();
    }

    /** In one statement, so that the version check, the history and the consumed event cannot part. */
    @Override
    public TransitionWrite transition(TransitionRow row) {
        List<Object> params = new ArrayList<>(17);
        String consumed;
        if (row.consumedEventId() == null) {
            consumed = "consumed as (select 1)";
        } else {
            consumed = "consumed as (" + JdbcConsumedEvents.RECORD + " returning 1)";
            params.addAll(Arrays.asList(row.consumedEventId(), row.consumedEventType()));
        }
        BankApplicationCreated bankApplication = row.bankApplication();
        params.addAll(Arrays.asList(row.to().name(), row.detail(), encode(row.preApproved()), encode(bankApplication),
                bankApplication == null ? null : bankApplication.getApplicationReferenceId(),
                row.refunded() == null ? BigDecimal.ZERO : row.refunded().amount(),
                row.applicationId(), row.expectedVersion(),
                row.from().name(), row.to().name(), row.event(), row.consumedEventId(), row.actor()));
        return jdbc.sql("with " + consumed + ", "
                        + "changed as (update loan_application set status = ?, version = version + 1, updated_at = now(), "
                        + "detail = coalesce(?, detail), pre_approved = coalesce(?, pre_approved), "
                        + "bank_application = coalesce(?, bank_application), loan_reference_id = coalesce(?, loan_reference_id), "
                        + "refunded_total = refunded_total + ? "
                        + "where application_id = ? and version = ? "
                        + "and exists (select 1 from consumed) returning application_id), "
                        + "recorded as (insert into application_transition (application_id, from_status, to_status, event, "
                        + "caused_by, actor) select application_id, ?, ?, ?, ?, ? from changed) "
                        + "select (select count(*) from consumed) as consumed, (select count(*) from changed) as changed")
                .params(params)
                .query((rs, n) -> rs.getInt("consumed") == 0 ? TransitionWrite.ALREADY_CONSUMED
                        : rs.getInt("changed") == 0 ? TransitionWrite.VERSION_MOVED : TransitionWrite.WRITTEN)
                .single();
    }

    @Override
    public void recordCreation(String applicationId, ApplicationState state, String event, String causedBy, String actor) {
        jdbc.sql("insert into application_transition (application_id, from_status, to_status, event, caused_by, actor) "
                        + "values (?, null, ?, ?, ?, ?)")
                .params(applicationId, state.name(), event, causedBy, actor).update();
    }

    private byte[] encode(SpecificRecord record) {
        return record == null ? null : storedEvents.encode(record);
    }

    StoredApplication map(ResultSet rs, int rowNumber) throws SQLException {
        Application application = new Application(rs.getString("application_id"), rs.getString("merchant_id"),
                rs.getString("order_id"), ApplicationState.valueOf(rs.getString("status")), rs.getLong("version"),
                rs.getString("bank_code"), rs.getInt("term"), Money.of(rs.getBigDecimal("loan_amount")),
                Money.of(rs.getBigDecimal("refunded_total")), rs.getTimestamp("time_to_live").toInstant(),
                rs.getString("callback_url"), rs.getString("correlation_id"), rs.getString("loan_reference_id"),
                rs.getString("detail"), rs.getTimestamp("created_at").toInstant());
        return new StoredApplication(application, rs.getString("request_hash"),
                decode(PreApprovalRequested.class, rs.getBytes("pre_approval_request")),
                decode(PreApproved.class, rs.getBytes("pre_approved")),
                decode(BankApplicationCreated.class, rs.getBytes("bank_application")));
    }

    private <T extends SpecificRecord> T decode(Class<T> type, byte[] bytes) {
        return bytes == null ? null : storedEvents.decode(type, bytes);
    }
}
