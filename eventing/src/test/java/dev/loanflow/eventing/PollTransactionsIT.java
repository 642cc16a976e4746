package dev.loanflow.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.loanflow.infra.PostgresServer;
import dev.loanflow.infra.SharedInfrastructure;

/** A poll's records commit together; the one that cannot be handled is named to the error handler, the ones before it kept. */
class PollTransactionsIT {

    private static JdbcClient jdbc;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                SharedInfrastructure.postgres().jdbcUrl() + "&currentSchema=poll_test", PostgresServer.USER, PostgresServer.PASSWORD);
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create schema if not exists poll_test").update();
        jdbc.sql("create table if not exists poll_test.handled (poll varchar(64) not null, value varchar(64) not null, "
                + "transaction_id bigint not null)").update();
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void aPollsRecordsAreHandledInOneTransactionInTheirOrder() {
        String poll = UUID.randomUUID().toString();

        polls().eachInOneTransaction(records(poll, "a", "b", "c"), record -> handle(poll, record));

        assertThat(values(poll)).containsExactly("a", "b", "c");
        assertThat(jdbc.sql("select count(distinct transaction_id) from handled where poll = ?").param(poll)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theRecordThatFailsIsNamedAndTheRecordsBeforeItAreKept() {
        String poll = UUID.randomUUID().toString();
        List<String> attempted = new ArrayList<>();

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> polls().eachInOneTransaction(records(poll, "a", "b", "bad", "d"), record -> {
                    attempted.add(record.value());
                    if (record.value().equals("bad")) {
                        throw new IllegalArgumentException("cannot handle");
                    }
                    handle(poll, record);
                }));

        assertThat(failed.getIndex()).isEqualTo(2);
        assertThat(failed.getCause()).isInstanceOf(IllegalArgumentException.class);
        assertThat(values(poll)).containsExactly("a", "b");
        assertThat(attempted).as("together, then one by one up to the failing record")
                .containsExactly("a", "b", "bad", "a", "b", "bad");
    }

    @Test
    void anUnreadableRecordStopsThePollAfterTheRecordsBeforeItAreHandled() {
        String poll = UUID.randomUUID().toString();
        List<ConsumerRecord<String, String>> records = records(poll, "a", null, "c");

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> polls().eachInOneTransaction(records, record -> handle(poll, record)));

        assertThat(failed.getIndex()).isEqualTo(1);
        assertThat(values(poll)).containsExactly("a");
    }

    private static PollTransactions polls() {
        return new PollTransactions(transaction, TraceContexts.none());
    }

    private static void handle(String poll, ConsumerRecord<String, String> record) {
        jdbc.sql("insert into handled (poll, value, transaction_id) values (?, ?, txid_current())")
                .params(poll, record.value()).update();
    }

    private static List<String> values(String poll) {
        return jdbc.sql("select value from handled where poll = ? order by ctid").param(poll).query(String.class).list();
    }

    private static List<ConsumerRecord<String, String>> records(String key, String... values) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int offset = 0; offset < values.length; offset++) {
            records.add(new ConsumerRecord<>("poll-test", 0, offset, key, values[offset]));
        }
        return records;
    }
}
