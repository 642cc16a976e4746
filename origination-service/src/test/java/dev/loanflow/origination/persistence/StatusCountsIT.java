package dev.loanflow.origination.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.lifecycle.LoanLifecycle;
import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;

class StatusCountsIT extends OriginationIntegrationTest {

    @Autowired
    ApplicationQueries applications;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theKeptCountsAreTheTablesCount() {
        Merchants merchant = new Merchants(http, "merchant-c");
        merchant.submitted();
        merchant.submitted();

        // one snapshot for both reads: applications still moving through the flow cannot make them differ
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.executeWithoutResult(transaction -> {
            Map<ApplicationState, Long> counted = new EnumMap<>(ApplicationState.class);
            for (ApplicationState status : ApplicationState.values()) {
                counted.put(status, jdbc.queryForObject("select count(*) from loan_application where status = ?",
                        Long.class, status.name()));
            }

            assertThat(applications.countByStatus()).isEqualTo(counted);
            assertThat(counted.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void aStateChangeMovesOneFromTheOldStatesCountToTheNew() {
        String id = new Merchants(http, "merchant-c").submitted();

        // rolled back: the service never sees the change, and it leaves nothing behind
        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            ApplicationState was = ApplicationState.valueOf(jdbc.queryForObject(
                    "select status from loan_application where application_id = ? for update", String.class, id));
            Map<ApplicationState, Long> before = applications.countByStatus();
            jdbc.update("update loan_application set status = 'CANCELLED' where application_id = ?", id);
            Map<ApplicationState, Long> after = applications.countByStatus();
            transaction.setRollbackOnly();

            assertThat(was).isNotEqualTo(ApplicationState.CANCELLED);
            assertThat(after.get(ApplicationState.CANCELLED) - before.get(ApplicationState.CANCELLED)).isEqualTo(1);
            assertThat(before.get(was) - after.get(was)).isEqualTo(1);
            assertThat(after).containsOnlyKeys(ApplicationState.values());
        });
    }

    @Test
    void foldingMovesTheChangesIntoTheTotalsWithoutChangingAnyCount() {
        new Merchants(http, "merchant-c").submitted();

        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            // no other transaction can record or fold a change until this one ends
            jdbc.execute("lock table application_status_change in exclusive mode");
            long changes = jdbc.queryForObject("select count(*) from application_status_change", Long.class);
            Map<ApplicationState, Long> before = applications.countByStatus();

            applications.foldStatusChanges();

            assertThat(changes).isPositive();
            assertThat(jdbc.queryForObject("select count(*) from application_status_change", Long.class)).isZero();
            assertThat(applications.countByStatus()).isEqualTo(before);
        });
    }

    @Test
    void theWaitingIndexCoversExactlyTheStatesTheLifecycleCanTimeOutOf() {
        String index = jdbc.queryForObject("select indexdef from pg_indexes where indexname = 'loan_application_waiting'",
                String.class);

        for (ApplicationState state : ApplicationState.values()) {
            assertThat(index.contains("'" + state.name() + "'")).as(state.name())
                    .isEqualTo(LoanLifecycle.waiting().contains(state));
        }
        assertThat(ApplicationQueries.WAITING).isEqualTo("status in ('NEW', 'PRE_APPROVED', 'STARTED')");
    }
}
