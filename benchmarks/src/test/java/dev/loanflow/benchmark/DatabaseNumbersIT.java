package dev.loanflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import dev.loanflow.infra.PostgresServer;
import dev.loanflow.infra.SharedInfrastructure;

class DatabaseNumbersIT {

    @Test
    void everyReadGoesOverTheSameConnection() {
        try (DatabaseNumbers numbers = new DatabaseNumbers(DatabaseNumbersIT::connect)) {
            long backend = numbers.number("select pg_backend_pid()");

            assertThat(backend).isPositive();
            assertThat(numbers.number("select pg_backend_pid()")).isEqualTo(backend);
            assertThat(numbers.number("select pg_backend_pid()")).isEqualTo(backend);
        }
    }

    @Test
    void aNewConnectionGetsTheSessionSettings() {
        try (DatabaseNumbers numbers = new DatabaseNumbers(DatabaseNumbersIT::connect, "set enable_seqscan to off")) {
            assertThat(numbers.number("select (current_setting('enable_seqscan') = 'off')::int")).isEqualTo(1);
        }
    }

    @Test
    void aBrokenConnectionGivesMinusOneAndTheNextReadConnectsAgain() throws SQLException {
        try (DatabaseNumbers numbers = new DatabaseNumbers(DatabaseNumbersIT::connect)) {
            long backend = numbers.number("select pg_backend_pid()");
            try (Connection other = connect(); Statement statement = other.createStatement()) {
                statement.execute("select pg_terminate_backend(" + backend + ")");
            }

            assertThat(numbers.number("select pg_backend_pid()")).isEqualTo(-1);
            long again = numbers.number("select pg_backend_pid()");
            assertThat(again).isPositive().isNotEqualTo(backend);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(SharedInfrastructure.postgres().jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD);
    }
}
