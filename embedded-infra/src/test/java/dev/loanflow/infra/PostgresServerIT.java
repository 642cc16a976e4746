package dev.loanflow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

    @Test
    void aPostmasterThatDoesNotStopInTimeIsKilledSoThatItsPortIsFreeAgain() throws Exception {
        PostgresServer postgres = PostgresServer.startForTests(0);
        long pid = postgres.postmasterPid();
        // a stopped process cannot answer pg_ctl's stop within its five seconds, as a postmaster on a busy machine may not
        assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(pid)).start().waitFor()).isZero();

        postgres.close(Duration.ofSeconds(1));

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        try (ServerSocket port = new ServerSocket(postgres.port(), 50, InetAddress.getLoopbackAddress())) {
            assertThat(port.getLocalPort()).isEqualTo(postgres.port());
        }
    }

    @Test
    void aFrozenServerAnswersNothingOnAnOpenConnectionUntilItIsThawed() throws Exception {
        try (PostgresServer postgres = PostgresServer.startForTests(0);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER,
                     PostgresServer.PASSWORD)) {
            postgres.freeze();
            CompletableFuture<Integer> answer;
            try {
                answer = CompletableFuture.supplyAsync(() -> {
                    try (ResultSet result = connection.createStatement().executeQuery("select 42")) {
                        result.next();
                        return result.getInt(1);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(1500);
                assertThat(answer).as("a query on the frozen server").isNotDone();
            } finally {
                postgres.thaw();
            }
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(42);
        }
    }

    @Test
    void closeReturnsOnceThePostmasterIsGone() {
        PostgresServer postgres = PostgresServer.startForTests(0);
        long pid = postgres.postmasterPid();

        postgres.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    private static String setting(SharedDatabase postgres, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
             ResultSet result = connection.createStatement().executeQuery("show " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
