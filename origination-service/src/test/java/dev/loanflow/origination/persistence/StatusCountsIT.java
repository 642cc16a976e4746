package dev.loanflow.origination.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;

class StatusCountsIT extends OriginationIntegrationTest {

    @Autowired
    Applications applications;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theKeptCountsAreTheTablesCountInTheSameSnapshot() {
        Merchants merchant = new Merchants(http, "merchant-c");
        merchant.submitted();
        merchant.submitted();

        // one statement, one snapshot: applications still moving through the flow cannot make the two differ
        List<Map<String, Object>> differences = jdbc.queryForList("""
                with counted as (select status, count(*) as n from loan_application group by status),
                     kept as (select status, sum(n) as n from application_status_count group by status having sum(n) <> 0)
                (select 'counted' as side, * from counted except select 'counted', * from kept)
                union all
                (select 'kept', * from kept except select 'kept', * from counted)""");
        long kept = jdbc.queryForObject("select sum(n) from application_status_count", Long.class);

        assertThat(differences).isEmpty();
        assertThat(kept).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aStateChangeMovesOneFromTheOldStatesCountToTheNew() {
        String id = new Merchants(http, "merchant-c").submitted();

        // rolled back: the service never sees the change, and it leaves nothing behind
        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            ApplicationStatus was = ApplicationStatus.valueOf(jdbc.queryForObject(
                    "select status from loan_application where application_id = ? for update", String.class, id));
            Map<ApplicationStatus, Long> before = applications.countByStatus();
            jdbc.update("update loan_application set status = 'CANCELLED' where application_id = ?", id);
            Map<ApplicationStatus, Long> after = applications.countByStatus();
            transaction.setRollbackOnly();

            assertThat(was).isNotEqualTo(ApplicationStatus.CANCELLED);
            assertThat(after.get(ApplicationStatus.CANCELLED) - before.get(ApplicationStatus.CANCELLED)).isEqualTo(1);
            assertThat(before.get(was) - after.get(was)).isEqualTo(1);
            assertThat(after).containsOnlyKeys(ApplicationStatus.values());
        });
    }
}
