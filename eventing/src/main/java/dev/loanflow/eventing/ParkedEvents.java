package dev.loanflow.eventing;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Outbox rows the relay parked after failing to send them, for an operator to see and, once fixed, release. */
public class ParkedEvents {

    public record Parked(long id, String applicationId, String topic, String eventType, int attempts, String lastError,
                         Instant committedAt, Instant parkedAt) {
    }

    private final JdbcClient jdbc;

    public ParkedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Parked> list() {
        return jdbc.sql("select id, application_id, topic, event_type, attempts, last_error, created_at, parked_at "
                        + "from outbox where parked_at is not null order by id")
                .query((row, n) -> new Parked(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getInt(5), row.getString(6), row.getTimestamp(7).toInstant(), row.getTimestamp(8).toInstant()))
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from outbox where parked_at is not null").query(Long.class).single();
    }

    /** Gives a parked row to the relay again, as if it had never failed; false when no such row is parked. */
    public boolean release(long id) {
        return jdbc.sql("update outbox set parked_at = null, attempts = 0 where id = ? and parked_at is not null")
                .param(id).update() == 1;
    }
}
