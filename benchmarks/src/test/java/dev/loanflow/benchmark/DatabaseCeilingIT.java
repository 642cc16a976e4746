package dev.loanflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.loanflow.infra.PostgresServer;
import dev.loanflow.infra.SharedInfrastructure;

class DatabaseCeilingIT {

    @Test
    void countsOnlyTransactionsTheDatabaseCommittedInTheMeasuredWindow() throws Exception {
        long committedBefore = committedInThisDatabase();

        DatabaseCeiling.Result ceiling = DatabaseCeiling.measure(DatabaseCeilingIT::connect, 3, 400,
                Duration.ofMillis(300), Duration.ofSeconds(1));

        assertThat(ceiling.transactions()).isPositive();
        assertThat(ceiling.perSecond()).isEqualTo(ceiling.transactions() / 1.0);
        // the server's own count of commits covers the warm-up and the table's creation too, so it is at least as large
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(committedInThisDatabase() - committedBefore).isGreaterThan(ceiling.transactions()));
    }

    @Test
    void writesAPollsRowsInOneStatementPerTransaction() throws Exception {
        long insertedBefore = insertedInThisDatabase();

        DatabaseCeiling.Result ceiling = DatabaseCeiling.measure(DatabaseCeilingIT::connect, 1, 100, 8, Duration.ZERO,
                Duration.ofMillis(500));

        assertThat(ceiling.rowsPerSecond()).isEqualTo(ceiling.perSecond() * 8);
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(insertedInThisDatabase() - insertedBefore).isGreaterThanOrEqualTo(ceiling.transactions() * 8));
    }

    @Test
    void reportsTheCommitSettingItRanUnderAndLeavesNoTableBehind() throws Exception {
        DatabaseCeiling.Result ceiling = DatabaseCeiling.measure(DatabaseCeilingIT::connect, 1, 100, Duration.ZERO,
                Duration.ofMillis(200));

        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet setting = statement.executeQuery("show synchronous_commit")) {
                setting.next();
                assertThat(ceiling.synchronousCommit()).isEqualTo(setting.getString(1));
            }
            try (ResultSet tables = statement.executeQuery(
                    "select count(*) from pg_tables where tablename like 'database_ceiling_%'")) {
                tables.next();
                assertThat(tables.getLong(1)).isZero();
            }
        }
    }

    private static long committedInThisDatabase() throws SQLException {
        return statisticOfThisDatabase("xact_commit");
    }

    private static long insertedInThisDatabase() throws SQLException {
        return statisticOfThisDatabase("tup_inserted");
    }

    private static long statisticOfThisDatabase(String column) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select " + column + " from pg_stat_database where datname = current_database()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(SharedInfrastructure.postgres().jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD);
    }
}
