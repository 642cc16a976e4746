package dev.loanflow.gateway.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.loanflow.eventing.SqlRows;
import dev.loanflow.gateway.bank.BankInteractions;
import dev.loanflow.gateway.bank.BankReply;

@Repository
class JdbcBankInteractions implements BankInteractions {

    private final JdbcClient jdbc;
    private final ThreadLocal<List<Call>> unit = new ThreadLocal<>();

    JdbcBankInteractions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Call(UUID id, String applicationId, String bankCode, String operation, String outcome,
                        int durationMillis) {
    }

    @Override
    public void record(String applicationId, String bankCode, String operation, BankReply<?> reply, long durationMillis) {
        String outcome = reply instanceof BankReply.Refused<?> refused
                ? "REFUSED " + refused.httpStatus() + " " + refused.errorCode() : "ANSWERED";
        recordFailure(applicationId, bankCode, operation, outcome, durationMillis);
    }

    @Override
    public void recordFailure(String applicationId, String bankCode, String operation, String outcome, long durationMillis) {
        Call call = new Call(UUID.randomUUID(), applicationId, bankCode, operation,
                outcome.length() > 60 ? outcome.substring(0, 60) : outcome,
                (int) durationMillis);
        List<Call> pending = unit.get();
        if (pending == null) {
            write(List.of(call));
        } else {
            pending.add(call);
        }
    }

    @Override
    public void recordTogether(Runnable unitOfWork) {
        if (unit.get() != null) {
            unitOfWork.run();
            return;
        }
        List<Call> pending = new ArrayList<>();
        unit.set(pending);
        try {
            unitOfWork.run();
        } finally {
            unit.remove();
            write(pending);
        }
    }

    @Override
    public void writeWithCurrentTransaction() {
        List<Call> pending = unit.get();
        if (pending == null || pending.isEmpty() || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        List<Call> written = List.copyOf(pending);
        pending.clear();
        write(written);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                // rolled back, or unknown (the connection died during the commit): written again later, at most once
                if (status != STATUS_COMMITTED) {
                    pending.addAll(0, written);
                }
            }
        });
    }

    private void write(List<Call> calls) {
        if (calls.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(calls.size() * 6);
        for (Call call : calls) {
            // a quote is about no application: its id is null
            params.addAll(Arrays.asList(call.id(), call.applicationId(), call.bankCode(), call.operation(), call.outcome(),
                    call.durationMillis()));
        }
        jdbc.sql("insert into bank_interaction (call_id, application_id, bank_code, operation, outcome, duration_millis) "
                        + "values " + SqlRows.times(calls.size(), "(?, ?, ?, ?, ?, ?)") + " on conflict (call_id) do nothing")
                .params(params)
                .update();
    }
}
