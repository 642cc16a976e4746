package dev.loanflow.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import dev.loanflow.gateway.GatewayIntegrationTest;
import dev.loanflow.gateway.bank.BankInteractions;

class BankInteractionsIT extends GatewayIntegrationTest {

    @Autowired
    BankInteractions interactions;

    @Autowired
    DataSource dataSource;

    @Test
    void aCallWhoseCommitWasNotConfirmedIsWrittenOnce() {
        String applicationId = "app-" + UUID.randomUUID();
        TransactionTemplate commitWithLostReply = new TransactionTemplate(new CommitWithLostReply(dataSource));

        interactions.recordTogether(() -> {
            interactions.recordFailure(applicationId, "AKTIFBANK", "application", "ANSWERED", 12);
            assertThatThrownBy(() -> commitWithLostReply.executeWithoutResult(status -> interactions.writeWithCurrentTransaction()))
                    .isInstanceOf(TransactionSystemException.class);
        });

        assertThat(jdbc.queryForObject("select count(*) from bank_interaction where application_id = ?", Integer.class,
                applicationId)).isEqualTo(1);
    }

    /** Commits, then fails as a connection that died before the server's answer arrived: the outcome is unknown. */
    private static final class CommitWithLostReply extends DataSourceTransactionManager {

        CommitWithLostReply(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            super.doCommit(status);
            throw new TransactionSystemException("the connection died before the commit was confirmed");
        }
    }
}
