package dev.loanflow.gateway.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bank requests waiting for their bank to answer again, in order per application (table {@code waiting_request}). */
@Repository
public class WaitingRequests {

    private final JdbcClient jdbc;

    WaitingRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A request as it was consumed, and where from. */
    public record Request(String eventId, String applicationId, String topic, int partition, long offset, byte[] payload) {
    }

    public record Waiting(long id, Request request, String bankCode, int attempts) {
    }

    /** Of these applications, those with requests waiting. */
    public Set<String> waitingAmong(Collection<String> applicationIds) {
        if (applicationIds.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(jdbc.sql("select distinct application_id from waiting_request where application_id = any(?)")
                .param(applicationIds.toArray(String[]::new)).query(String.class).list());
    }

    /** The request waits for its bank; a request already waiting (consumed again) is left as it is. */
    public void add(Request request, String bankCode, String why) {
        jdbc.sql("insert into waiting_request (event_id, application_id, bank_code, topic, kafka_partition, kafka_offset, "
                        + "payload, last_failure) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing")
                .params(request.eventId(), request.applicationId(), bankCode, request.topic(), request.partition(),
                        request.offset(), request.payload(), why)
                .update();
    }

    /**
     * The request waits behind its application's first waiting request, for the same bank.
     *
     * @return whether it waits: false when nothing waits for the application any more
     */
    public boolean addBehind(Request request) {
        int added = jdbc.sql("insert into waiting_request (event_id, application_id, bank_code, topic, kafka_partition, kafka_offset, "
                        + "payload) select ?, ?, bank_code, ?, ?, ?, ? from waiting_request where application_id = ? "
                        + "order by id limit 1 on conflict (event_id) do nothing")
                .params(request.eventId(), request.applicationId(), request.topic(), request.partition(),
                        request.offset(), request.payload(), request.applicationId())
                .update();
        return added == 1 || jdbc.sql("select exists (select 1 from waiting_request where event_id = ?)")
                .param(request.eventId()).query(Boolean.class).single();
    }

    /** The first waiting request of each application whose turn to be tried again has come, oldest first. */
    public List<Waiting> due(int most) {
        return jdbc.sql("select * from (select distinct on (application_id) * from waiting_request "
                        + "order by application_id, id) first_of_each where next_attempt_at <= now() order by id limit ?")
                .param(most).query(WaitingRequests::waiting)
                .list();
    }

    /** The application's next waiting request, right after its earlier one was done with. */
    public Optional<Waiting> nextOf(String applicationId) {
        return jdbc.sql("select * from waiting_request where application_id = ? order by id limit 1")
                .param(applicationId).query(WaitingRequests::waiting)
                .optional();
    }

    private static Waiting waiting(ResultSet row, int number) throws SQLException {
        return new Waiting(row.getLong("id"), new Request(row.getString("event_id"), row.getString("application_id"),
                row.getString("topic"), row.getInt("kafka_partition"), row.getLong("kafka_offset"), row.getBytes("payload")),
                row.getString("bank_code"), row.getInt("attempts"));
    }

    public void done(long id) {
        jdbc.sql("delete from waiting_request where id = ?").param(id).update();
    }

    public void postpone(long id, Duration delay, String why) {
        jdbc.sql("update waiting_request set attempts = attempts + 1, last_failure = ?, "
                        + "next_attempt_at = now() + ? * interval '1 millisecond' where id = ?")
                .params(why, delay.toMillis(), id).update();
    }

    /** How many requests wait, by bank. */
    public Map<String, Long> countByBank() {
        return jdbc.sql("select bank_code, count(*) from waiting_request group by bank_code")
                .query((row, number) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
