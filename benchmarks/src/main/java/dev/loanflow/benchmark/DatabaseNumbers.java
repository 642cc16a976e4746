package dev.loanflow.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Single numbers the benchmark reads from PostgreSQL every second, over one connection kept between reads: a new
 * connection is a new backend process, and three of them a second cost the machine being measured more than the
 * queries do.
 */
final class DatabaseNumbers implements AutoCloseable {

    private final Callable<Connection> connect;
    private final List<String> sessionSettings;
    private Connection connection;

    /** {@code sessionSettings}: statements run once on every new connection, before its first read. */
    DatabaseNumbers(Callable<Connection> connect, String... sessionSettings) {
        this.connect = connect;
        this.sessionSettings = List.of(sessionSettings);
    }

    /** The one number the query answers, or -1 while the database cannot be asked (the next read connects again). */
    long number(String query) {
        try {
            if (connection == null) {
                connection = session(connect.call());
            }
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (Exception unavailable) {
            close();
            return -1;
        }
    }

    private Connection session(Connection connection) throws SQLException {
        try (Statement session = connection.createStatement()) {
            for (String setting : sessionSettings) {
                session.execute(setting);
            }
        } catch (SQLException refused) {
            connection.close();
            throw refused;
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyBroken) {
                // a connection that cannot be closed is gone already
            }
            connection = null;
        }
    }
}
