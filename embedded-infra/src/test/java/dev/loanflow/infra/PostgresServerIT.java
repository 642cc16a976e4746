package dev.loanflow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class PostgresServerIT {

    @Test
    void theStacksDatabaseCommitsOnlyWhatIsOnDisk() throws SQLException {
        try (PostgresServer postgres = PostgresServer.start(0)) {
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(postgres, "fsync")).isEqualTo("on");
        }
    }

    @Test
    void aTestJvmsDatabaseDoesNotWaitForTheDisk() throws SQLException {
        assertThat(setting(SharedInfrastructure.postgres(), "synchronous_commit")).isEqualTo("off");
    }

    private static String setting(PostgresServer postgres, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
             ResultSet result = connection.createStatement().executeQuery("show " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
