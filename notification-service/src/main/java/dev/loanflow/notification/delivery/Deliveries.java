package dev.loanflow.notification.delivery;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.loanflow.eventing.SqlRows;
import dev.loanflow.events.SealedValue;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

@Repository
public class Deliveries {

    private static final String COLUMNS = "id, event_id, application_id, merchant_id, channel, recipient_masked, "
            + "recipient_sealed, recipient_key_id, target_url, subject, body, body_sealed, status, attempts, next_attempt_at, "
            + "last_error, created_at, lease_version";

    /**
     * Due deliveries, a lease that ran out included (parameter: the limit); served by the index delivery_due.
     */
    public static final String DUE = "select id from delivery where status in ('PENDING', 'RETRYING', 'SENDING') "
            + "and next_attempt_at <= now() order by next_attempt_at limit ? for update skip locked";

    private final JdbcClient jdbc;

    Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param body a webhook's body; a customer's message is in {@code sealedBody} */
    public record Delivery(long id, String eventId, String applicationId, String merchantId, Channel channel,
                           String recipientMasked, SealedValue recipient, String targetUrl, String subject, String body,
                           SealedValue sealedBody, String status, int attempts, Instant nextAttemptAt, String lastError,
                           Instant createdAt, long leaseVersion) {
    }

    public record Attempt(int attempt, String outcome, String detail, Instant at) {
    }

    /** A delivery an event asks for, before it is stored: a webhook's {@code body}, or a customer's {@code sealedBody}. */
    public record Planned(String eventId, String applicationId, String merchantId, Channel channel, String recipientMasked,
                          SealedValue recipient, String targetUrl, String subject, String body, SealedValue sealedBody) {
    }

    /**
     * Adds deliveries in one statement, in the order given, skipping any channel its event already has a delivery on,
     * each already leased for its first attempt (status SENDING, lease version 1), so that they can be sent at once
     * without a claim; should the sender not get to them, they are claimed when the lease runs out.
     *
     * @return the deliveries added, in the order given
     */
    public List<Delivery> enqueueLeased(List<Planned> planned, Duration lease) {
        if (planned.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("insert into delivery (event_id, application_id, merchant_id, channel, recipient_masked, "
                        + "recipient_sealed, recipient_key_id, target_url, subject, body, body_sealed, status, "
                        + "next_attempt_at, lease_version) values " + SqlRows.times(planned.size(),
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SENDING', now() + interval '" + lease.toSeconds() + " seconds', 1)")
                        + " on conflict (event_id, channel) do nothing returning " + COLUMNS)
                .params(insertParams(planned))
                .query(Deliveries::map).list()
                .stream().sorted(Comparator.comparingLong(Delivery::id)).toList();
    }

    private static List<Object> insertParams(List<Planned> planned) {
        List<Object> params = new ArrayList<>(planned.size() * 11);
        for (Planned delivery : planned) {
            SealedValue recipient = delivery.recipient();
            params.addAll(Arrays.asList(delivery.eventId(), delivery.applicationId(), delivery.merchantId(),
                    delivery.channel().name(), delivery.recipientMasked(),
                    recipient == null ? null : bytes(recipient.getCiphertext()),
                    recipient == null ? null : recipient.getKeyId(),
                    delivery.targetUrl(), delivery.subject(), delivery.body(),
                    delivery.sealedBody() == null ? null : PersonalDataSealer.bytes(delivery.sealedBody())));
        }
        return params;
    }

    /**
     * Takes due deliveries for one attempt, in the order they were planned, each under a new lease version; the lease
     * lets another instance retry one whose sender died mid-attempt.
     */
    public List<Delivery> claimDue(int limit, Duration lease) {
        return jdbc.sql("update delivery set status = 'SENDING', next_attempt_at = now() + make_interval(secs => ?), "
                        + "lease_version = lease_version + 1, updated_at = now() where id in (" + DUE + ") returning "
                        + COLUMNS)
                .params(lease.toSeconds(), limit).query(Deliveries::map).list()
                .stream().sorted(Comparator.comparingLong(Delivery::id)).toList();
    }

    /** An attempt's outcome, the state it leaves its delivery in, and the lease version it was made under. */
    public record AttemptMade(long deliveryId, int attempt, String outcome, String detail, String status,
                              String lastError, Instant nextAttemptAt, long leaseVersion) {
    }

    /**
     * Records attempts and their deliveries' new states in one statement: one commit for a sender's whole batch, and
     * never an attempt without its delivery's state or the other way round. An attempt made under a lease another
     * claim has since replaced is not recorded.
     *
     * @return how many attempts were recorded
     */
    public int recordAttempts(List<AttemptMade> attempts) {
        if (attempts.isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>(attempts.size() * 8);
        for (AttemptMade made : attempts) {
            params.addAll(Arrays.asList(made.deliveryId(), made.attempt(), made.outcome(), text(made.detail()),
                    made.status(), text(made.lastError()), Timestamp.from(made.nextAttemptAt()), made.leaseVersion()));
        }
        return jdbc.sql("with made (delivery_id, attempt, outcome, detail, status, last_error, next_attempt_at, "
                        + "lease_version) as (values "
                        + SqlRows.times(attempts.size(), "(?::bigint, ?::integer, ?, ?, ?, ?, ?::timestamptz, ?::bigint)")
                        + "), held as (select made.* from made join delivery d on d.id = made.delivery_id "
                        + "and d.lease_version = made.lease_version), "
                        + "recorded as (insert into delivery_attempt (delivery_id, attempt, outcome, detail) "
                        + "select delivery_id, attempt, outcome, detail from held order by delivery_id) "
                        + "update delivery set status = held.status, attempts = held.attempt, last_error = held.last_error, "
                        + "next_attempt_at = held.next_attempt_at, updated_at = now() from held where delivery.id = held.delivery_id")
                .params(params)
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
        byte[] sealedBody = rs.getBytes("body_sealed");
        return new Delivery(rs.getLong("id"), rs.getString("event_id"), rs.getString("application_id"),
                rs.getString("merchant_id"), Channel.valueOf(rs.getString("channel")), rs.getString("recipient_masked"),
                sealed == null ? null : new SealedValue(rs.getString("recipient_key_id"), ByteBuffer.wrap(sealed)),
                rs.getString("target_url"), rs.getString("subject"), rs.getString("body"),
                sealedBody == null ? null : PersonalDataSealer.sealedValue(sealedBody),
                rs.getString("status"),
                rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), rs.getLong("lease_version"));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /** Typed, so a null needs no round trip to ask the database for its type; at most 500 characters. */
    private static SqlParameterValue text(String text) {
        return new SqlParameterValue(Types.VARCHAR, text == null || text.length() <= 500 ? text : text.substring(0, 500));
    }
}
