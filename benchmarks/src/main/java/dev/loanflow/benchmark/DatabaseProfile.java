package dev.loanflow.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.loanflow.infra.Platform;

/** Where PostgreSQL's time goes during a run: its own statement statistics (pg_stat_statements), reset when measuring starts. */
final class DatabaseProfile {

    /** One normalised statement: how often it ran and how long it took in all. */
    record Entry(String query, long calls, double totalMillis) {
    }

    private final Platform platform;

    DatabaseProfile(Platform platform) {
        this.platform = platform;
    }

    void reset() {
        execute("create extension if not exists pg_stat_statements");
        execute("select pg_stat_statements_reset()");
    }

    /** The statements that took the most time since the reset, most first. */
    List<Entry> top(int limit) {
        List<Entry> entries = new ArrayList<>();
        try (Connection connection = platform.database(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select coalesce(query, '(text not kept) queryid ' || queryid), "
                     + "calls, total_exec_time from pg_stat_statements "
                     + "where coalesce(query, '') not like '%pg_stat%' order by total_exec_time desc limit " + limit)) {
            while (rows.next()) {
                entries.add(new Entry(rows.getString(1).replaceAll("\\s+", " "), rows.getLong(2), rows.getDouble(3)));
            }
        } catch (SQLException unavailable) {
            System.out.println("[benchmark] pg_stat_statements unavailable: " + unavailable.getMessage());
            return List.of();
        }
        return entries;
    }

    /** How many statements ran since the reset, all of them (the monitoring's own left out); 0 when unavailable. */
    long totalCalls() {
        try {
            return Long.parseLong(single("select coalesce(sum(calls), 0) from pg_stat_statements "
                    + "where coalesce(query, '') not like '%pg_stat%'"));
        } catch (SQLException unavailable) {
            return 0;
        }
    }

    /** The settings that decide what a commit costs, as the database reports them: "synchronous_commit=on, fsync=on". */
    String commitSettings() {
        try {
            return single("select string_agg(name || '=' || setting, ', ' order by name desc) "
                    + "from pg_settings where name in ('synchronous_commit', 'fsync')");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL's settings unavailable: " + e.getMessage(), e);
        }
    }

    private String single(String query) throws SQLException {
        try (Connection connection = platform.database(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private void execute(String sql) {
        try (Connection connection = platform.database(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused " + sql + ": " + e.getMessage(), e);
        }
    }
}
