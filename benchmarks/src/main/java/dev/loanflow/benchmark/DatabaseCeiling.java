package dev.loanflow.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the same PostgreSQL does alone: the cheapest write transaction there is (rows of an event's size in one
 * statement, then commit, with the server's own commit settings) from several connections at once, as fast as it
 * commits them. A flow that needs T transactions per application can complete at most this rate divided by T per
 * second, even with the machine to itself; with several rows per transaction, as a poll's writes are, the rows a
 * second say what its row writes allow.
 */
final class DatabaseCeiling {

    record Result(int connections, int rowBytes, int rowsPerTransaction, long transactions, double seconds,
                  String synchronousCommit) {

        double perSecond() {
            return transactions / seconds;
        }

        double rowsPerSecond() {
            return perSecond() * rowsPerTransaction;
        }
    }

    private DatabaseCeiling() {
    }

    static Result measure(Callable<Connection> connect, int connections, int rowBytes, Duration warmup, Duration measured)
            throws Exception {
        return measure(connect, connections, rowBytes, 1, warmup, measured);
    }

    static Result measure(Callable<Connection> connect, int connections, int rowBytes, int rowsPerTransaction,
                          Duration warmup, Duration measured) throws Exception {
        String table = "database_ceiling_" + UUID.randomUUID().toString().replace("-", "");
        String synchronousCommit;
        try (Connection connection = connect.call(); Statement statement = connection.createStatement()) {
            statement.execute("create table " + table + " (event_id varchar(64) primary key, payload bytea not null)");
            try (ResultSet setting = statement.executeQuery("show synchronous_commit")) {
                setting.next();
                synchronousCommit = setting.getString(1);
            }
        }
        ExecutorService writers = Executors.newFixedThreadPool(connections);
        try {
            long start = System.nanoTime();
            long measureFrom = start + warmup.toNanos();
            long measureUntil = measureFrom + measured.toNanos();
            List<Future<Long>> counted = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                counted.add(writers.submit(() -> commitUntil(connect, table, rowBytes, rowsPerTransaction, measureFrom,
                        measureUntil)));
            }
            long transactions = 0;
            for (Future<Long> writer : counted) {
                transactions += writer.get();
            }
            return new Result(connections, rowBytes, rowsPerTransaction, transactions, measured.toNanos() / 1e9,
                    synchronousCommit);
        } finally {
            writers.shutdownNow();
            try (Connection connection = connect.call(); Statement statement = connection.createStatement()) {
                statement.execute("drop table if exists " + table);
            }
        }
    }

    /**
     * Commits {@code rows} rows at a time, in one statement, until {@code until}; returns how many of its commits began
     * inside the measured window.
     */
    private static long commitUntil(Callable<Connection> connect, String table, int rowBytes, int rows, long from,
                                    long until) throws Exception {
        byte[] payload = new byte[rowBytes];
        ThreadLocalRandom.current().nextBytes(payload);
        long committed = 0;
        try (Connection connection = connect.call();
             PreparedStatement insert = connection.prepareStatement("insert into " + table + " values "
                     + String.join(", ", Collections.nCopies(rows, "(?, ?)")))) {
            connection.setAutoCommit(true);
            long now;
            while ((now = System.nanoTime()) < until) {
                for (int row = 0; row < rows; row++) {
                    insert.setString(2 * row + 1, UUID.randomUUID().toString());
                    insert.setBytes(2 * row + 2, payload);
                }
                insert.executeUpdate();
                if (now >= from) {
                    committed++;
                }
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("the database ceiling could not be measured", failed);
        }
        return committed;
    }
}
