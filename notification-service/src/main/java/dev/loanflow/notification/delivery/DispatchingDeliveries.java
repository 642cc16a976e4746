package dev.loanflow.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

import dev.loanflow.notification.channel.EmailSender;
import dev.loanflow.notification.channel.SendResult;
import dev.loanflow.notification.channel.SmsSender;
import dev.loanflow.notification.channel.WebhookSender;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * Sends due deliveries. Sending is mostly waiting (for an SMTP server, an SMS provider, a merchant), so the
 * applications are split into shards, each with its own sender: one application's messages on a channel go out one
 * after another in the order they were planned, and a slow merchant holds up only its shard. A failure worth
 * retrying waits the next of the configured delays (with jitter); after the last one the delivery is dead-lettered
 * (status DEAD, visible in the delivery log, replayable for webhooks).
 */
@Component
public class DispatchingDeliveries implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchingDeliveries.class);
    private static final int CLAIMED = 20;

    private final Deliveries deliveries;
    private final EmailSender email;
    private final SmsSender sms;
    private final WebhookSender webhooks;
    private final PersonalDataSealer sealer;
    private final List<Duration> retryDelays;
    private final MeterRegistry meters;
    private final Clock clock;
    private final int shards;
    private final Duration pollInterval;
    private final Duration lease;
    /**
     * Nothing is sent once less than this is left of a batch's lease: more than a send can take (webhook and SMTP
     * time-outs are seconds), so a message is never still being sent when another instance may claim it.
     */
    private final Duration sendMargin;
    private volatile ScheduledExecutorService senders;

    public DispatchingDeliveries(Deliveries deliveries, EmailSender email, SmsSender sms, WebhookSender webhooks,
                       PersonalDataSealer sealer, DeliverySettings settings, MeterRegistry meters, Clock clock,
                       @Value("${loanflow.delivery.poll-interval:500ms}") Duration pollInterval,
                       @Value("${loanflow.delivery.lease:2m}") Duration lease,
                       @Value("${loanflow.delivery.send-margin:60s}") Duration sendMargin) {
        this.deliveries = deliveries;
        this.email = email;
        this.sms = sms;
        this.webhooks = webhooks;
        this.sealer = sealer;
        this.retryDelays = settings.retryDelays();
        this.meters = meters;
        this.clock = clock;
        this.shards = settings.concurrency();
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.sendMargin = sendMargin;
        if (sendMargin.compareTo(webhooks.longestSend()) <= 0 || lease.compareTo(sendMargin) <= 0) {
            throw new IllegalArgumentException("loanflow.delivery.send-margin must be longer than a webhook can take "
                    + "(twice loanflow.webhooks.timeout) and shorter than loanflow.delivery.lease");
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newScheduledThreadPool(shards,
                new CustomizableThreadFactory("delivery-"));
        for (int shard = 0; shard < shards; shard++) {
            Deliveries.Shard mine = new Deliveries.Shard(shard, shards);
            started.scheduleWithFixedDelay(() -> dispatch(mine), 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        senders = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = senders;
        senders = null;
        if (running != null) {
            running.shutdown(); // a batch under way finishes and records its attempts
            try {
                if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                    running.shutdownNow();
                }
            } catch (InterruptedException e) {
                running.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return senders != null;
    }

    void dispatch(Deliveries.Shard shard) {
        try {
            List<Deliveries.Delivery> due;
            do {
                long sendBefore = System.nanoTime() + lease.minus(sendMargin).toNanos();
                due = deliveries.claimDue(shard, CLAIMED, lease);
                List<Deliveries.AttemptMade> made = new ArrayList<>(due.size());
                try {
                    List<Deliveries.Delivery> emails =
                            due.stream().filter(delivery -> delivery.channel() == Channel.EMAIL).toList();
                    if (!emails.isEmpty() && leaseLeft(sendBefore)) {
                        made.addAll(sendEmailsTogether(emails));
                    }
                    for (Deliveries.Delivery delivery : due) {
                        if (delivery.channel() != Channel.EMAIL && leaseLeft(sendBefore)) {
                            made.add(attemptMade(delivery, send(delivery)));
                        }
                    }
                } finally {
                    int recorded = deliveries.recordAttempts(made); // what was sent before a failure is not sent again
                    if (recorded < made.size()) {
                        log.warn("{} attempts of shard {} not recorded: their lease was taken over", made.size() - recorded,
                                shard.index());
                    }
                }
            } while (due.size() == CLAIMED && senders != null);
        } catch (RuntimeException failed) {
            // a delivery taken keeps its lease and is attempted again once the lease runs out
            log.warn("sending deliveries of shard {} failed, next poll tries again: {}", shard.index(),
                    failed.getClass().getName());
        }
    }

    /** Whether this batch may still send: deliveries left unsent keep their lease and are claimed again after it. */
    private static boolean leaseLeft(long sendBefore) {
        return System.nanoTime() - sendBefore < 0;
    }

    /** Over one SMTP connection: most of sending one e-mail is opening and closing the connection. */
    private List<Deliveries.AttemptMade> sendEmailsTogether(List<Deliveries.Delivery> emails) {
        List<SendResult> results = email.sendAll(emails.stream().map(delivery ->
                new EmailSender.Email(sealer.open(delivery.recipient()), delivery.subject(), text(delivery))).toList());
        List<Deliveries.AttemptMade> made = new ArrayList<>(emails.size());
        for (int i = 0; i < emails.size(); i++) {
            made.add(attemptMade(emails.get(i), results.get(i)));
        }
        return made;
    }

    private Deliveries.AttemptMade attemptMade(Deliveries.Delivery delivery, SendResult result) {
        int attempt = delivery.attempts() + 1;
        String outcome = result.outcome().name();
        meters.counter("loanflow.notifications.attempts", "channel", delivery.channel().name(), "outcome", outcome).increment();
        return switch (result.outcome()) {
            case DELIVERED -> new Deliveries.AttemptMade(delivery.id(), attempt, outcome, result.detail(), "DELIVERED",
                    null, clock.instant(), delivery.leaseVersion());
            case FAILED -> new Deliveries.AttemptMade(delivery.id(), attempt, outcome, result.detail(), "FAILED",
                    result.detail(), clock.instant(), delivery.leaseVersion());
            case RETRY -> {
                if (attempt > retryDelays.size()) {
                    log.warn("{} delivery {} of application {} dead-lettered after {} attempts: {}", delivery.channel(),
                            delivery.id(), delivery.applicationId(), attempt, result.detail());
                    yield new Deliveries.AttemptMade(delivery.id(), attempt, outcome, result.detail(), "DEAD",
                            result.detail(), clock.instant(), delivery.leaseVersion());
                }
                yield new Deliveries.AttemptMade(delivery.id(), attempt, outcome, result.detail(), "RETRYING",
                        result.detail(), clock.instant().plus(jittered(retryDelays.get(attempt - 1))),
                        delivery.leaseVersion());
            }
        };
    }

    private SendResult send(Deliveries.Delivery delivery) {
        return switch (delivery.channel()) {
            case EMAIL -> throw new IllegalArgumentException("e-mails are sent together, see sendEmailsTogether");
            case SMS -> sms.send(sealer.open(delivery.recipient()), text(delivery));
            case WEBHOOK -> webhooks.send(delivery.merchantId(), delivery.targetUrl(), "msg_" + delivery.eventId(),
                    delivery.body());
        };
    }

    /** A customer's message is kept sealed, and opened only to be sent; rows from before that hold it in clear. */
    private String text(Deliveries.Delivery delivery) {
        return delivery.sealedBody() != null ? sealer.open(delivery.sealedBody()) : delivery.body();
    }

    /** Up to a fifth either way, so retries of many deliveries do not arrive together. */
    private static Duration jittered(Duration delay) {
        long millis = delay.toMillis();
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(-millis / 5, millis / 5 + 1));
    }
}
