package dev.loanflow.infra;

/**
 * The PostgreSQL a test JVM shares, user {@link PostgresServer#USER}, password {@link PostgresServer#PASSWORD}: a
 * process from the build's binaries ({@link PostgresServer}) or a container ({@link Containers}).
 */
public interface SharedDatabase extends AutoCloseable {

    /** The JDBC URL, with a query string to which more parameters can be added ({@code &currentSchema=…}). */
    String jdbcUrl();

    /** The schema registry's storage in this database. */
    default SchemaRegistryServer.Storage registryStorage() {
        return new SchemaRegistryServer.Storage(jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    @Override
    void close();
}
