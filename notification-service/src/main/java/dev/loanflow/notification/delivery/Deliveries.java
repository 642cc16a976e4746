package dev.loanflow.notification.delivery;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.loanflow.events.SealedValue;

@Repository
public class Deliveries {

    private static final String COLUMNS = "id, event_id, application_id, merchant_id, channel, recipient_masked, "
            + "recipient_sealed, recipient_key_id, target_url, subject, body, status, attempts, next_attempt_at, last_error, created_at";

    /**
     * Due deliveries, a lease that ran out included, of one shard of the applications (parameters: the number of
     * shards, the shard, the limit); served by the index delivery_due.
     */
    public static final String DUE = "select id from delivery where status in ('PENDING', 'RETRYING', 'SENDING') "
            + "and next_attempt_at <= now() and (hashtext(application_id) & 2147483647) % ? = ? "
            + "order by next_attempt_at limit ? for update skip locked";

    private final JdbcClient jdbc;

    Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Delivery(long id, String eventId, String applicationId, String merchantId, Channel channel,
                           String recipientMasked, SealedValue recipient, String targetUrl, String subject, String body,
                           String status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt) {
    }

    public record Attempt(int attempt, String outcome, String detail, Instant at) {
    }

    /** A delivery an event asks for, before it is stored. */
    public record Planned(String eventId, String applicationId, String merchantId, Channel channel, String recipientMasked,
                          SealedValue recipient, String targetUrl, String subject, String body) {
    }

    /**
     * Adds an event's deliveries in one statement, skipping any channel the event already has a delivery on;
     * returns how many were added.
     */
    public int enqueue(List<Planned> planned) {
        if (planned.isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>(planned.size() * 10);
        for (Planned delivery : planned) {
            SealedValue recipient = delivery.recipient();
            params.addAll(Arrays.asList(delivery.eventId(), delivery.applicationId(), delivery.merchantId(),
                    delivery.channel().name(), delivery.recipientMasked(),
                    recipient == null ? null : bytes(recipient.getCiphertext()),
                    recipient == null ? null : recipient.getKeyId(),
                    delivery.targetUrl(), delivery.subject(), delivery.body()));
        }
        return jdbc.sql("insert into delivery (event_id, application_id, merchant_id, channel, recipient_masked, "
                        + "recipient_sealed, recipient_key_id, target_url, subject, body, status) values "
                        + String.join(", ", Collections.nCopies(planned.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')"))
                        + " on conflict (event_id, channel) do nothing")
                .params(params)
                .update();
    }

    /**
     * Takes due deliveries of one shard of the applications for one attempt, in the order they were planned; the
     * lease lets another instance retry one whose sender died mid-attempt.
     */
    public List<Delivery> claimDue(Shard shard, int limit, Duration lease) {
        return jdbc.sql("update delivery set status = 'SENDING', next_attempt_at = now() + make_interval(secs => ?), "
                        + "updated_at = now() where id in (" + DUE + ") returning " + COLUMNS)
                .params(lease.toSeconds(), shard.of(), shard.index(), limit).query(Deliveries::map).list()
                .stream().sorted(Comparator.comparingLong(Delivery::id)).toList();
    }

    /** Shard {@code index} of {@code of}: every application's deliveries are in exactly one. */
    public record Shard(int index, int of) {
    }

    /** Records the attempt and the delivery's new state in one statement: one commit, never one without the other. */
    public void recordAttempt(long deliveryId, int attempt, String outcome, String detail, String status, String lastError,
                              Instant nextAttemptAt) {
        jdbc.sql("with attempt as (insert into delivery_attempt (delivery_id, attempt, outcome, detail) values (?, ?, ?, ?)) "
                        + "update delivery set status = ?, attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = now() "
                        + "where id = ?")
                .params(deliveryId, attempt, outcome, truncate(detail), status, attempt, truncate(lastError),
                        Timestamp.from(nextAttemptAt), deliveryId)
                .update();
    }

    public List<Delivery> ofApplication(String merchantId, String applicationId) {
        return jdbc.sql("select " + COLUMNS + " from delivery where merchant_id = ? and application_id = ? order by id")
                .params(merchantId, applicationId).query(Deliveries::map).list();
    }

    public List<Attempt> attempts(long deliveryId) {
        return jdbc.sql("select attempt, outcome, detail, attempted_at from delivery_attempt where delivery_id = ? order by id")
                .param(deliveryId)
                .query((rs, n) -> new Attempt(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
                .list();
    }

    public Optional<Delivery> find(long deliveryId) {
        return jdbc.sql("select " + COLUMNS + " from delivery where id = ?")
                .params(deliveryId).query(Deliveries::map).optional();
    }

    /** Puts a dead-lettered webhook back in the queue for another round of attempts. */
    public boolean replay(long deliveryId) {
        return jdbc.sql("update delivery set status = 'PENDING', attempts = 0, next_attempt_at = now(), updated_at = now() "
                        + "where id = ? and channel = 'WEBHOOK' and status = 'DEAD'")
                .params(deliveryId).update() == 1;
    }

    private static Delivery map(ResultSet rs, int rowNumber) throws SQLException {
        byte[] sealed = rs.getBytes("recipient_sealed");
        return new Delivery(rs.getLong("id"), rs.getString("event_id"), rs.getString("application_id"),
                rs.getString("merchant_id"), Channel.valueOf(rs.getString("channel")), rs.getString("recipient_masked"),
                sealed == null ? null : new SealedValue(rs.getString("recipient_key_id"), ByteBuffer.wrap(sealed)),
                rs.getString("target_url"), rs.getString("subject"), rs.getString("body"), rs.getString("status"),
                rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
