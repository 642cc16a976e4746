package dev.loanflow.gateway.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Callbacks for loan references not known here yet; forgotten after an hour, and at most {@value #MOST} kept, so
 * callbacks naming references that do not exist cannot fill the table (reconciliation covers the rest).
 */
@Repository
public class CallbackHints {

    public static final int MOST = 10_000;

    private final JdbcClient jdbc;

    CallbackHints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void remember(String loanReferenceId) {
        jdbc.sql("insert into bank_callback_hint (loan_reference_id) select ? "
                        + "where (select count(*) from bank_callback_hint) < ? on conflict do nothing")
                .params(loanReferenceId, MOST).update();
    }

    /** True once for a reference a callback named: the caller should ask the bank now. */
    public boolean take(String loanReferenceId) {
        return jdbc.sql("delete from bank_callback_hint where loan_reference_id = ?").param(loanReferenceId).update() == 1;
    }

    @Scheduled(fixedDelayString = "PT10M")
    void forgetOldHints() {
        jdbc.sql("delete from bank_callback_hint where received_at < now() - interval '1 hour'").update();
    }
}
