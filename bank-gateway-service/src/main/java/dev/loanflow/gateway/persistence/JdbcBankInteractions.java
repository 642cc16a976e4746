package dev.loanflow.gateway.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.loanflow.gateway.bank.BankInteractions;
import dev.loanflow.gateway.bank.BankReply;

@Repository
class JdbcBankInteractions implements BankInteractions {

    private final JdbcClient jdbc;

    JdbcBankInteractions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(String applicationId, String bankCode, String operation, BankReply<?> reply, long durationMillis) {
        String outcome = reply instanceof BankReply.Refused<?> refused
                ? "REFUSED " + refused.httpStatus() + " " + refused.errorCode() : "ANSWERED";
        recordFailure(applicationId, bankCode, operation, outcome, durationMillis);
    }

    @Override
    public void recordFailure(String applicationId, String bankCode, String operation, String outcome, long durationMillis) {
        jdbc.sql("insert into bank_interaction (application_id, bank_code, operation, outcome, duration_millis) "
                        + "values (?, ?, ?, ?, ?)")
                .params(applicationId, bankCode, operation, outcome.length() > 60 ? outcome.substring(0, 60) : outcome,
                        (int) durationMillis)
                .update();
    }
}
