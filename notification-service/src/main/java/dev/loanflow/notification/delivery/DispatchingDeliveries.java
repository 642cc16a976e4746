package dev.loanflow.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.MeterRegistry;

import dev.loanflow.notification.channel.EmailSender;
import dev.loanflow.notification.channel.SendResult;
import dev.loanflow.notification.channel.SmsSender;
import dev.loanflow.notification.channel.WebhookSender;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * Sends deliveries. Sending is mostly waiting (for an SMTP server, an SMS provider, a merchant), so the applications
 * are split into shards, each with its own sender: one application's messages on a channel go out one after another
 * in the order they were planned, and a slow merchant holds up only its shard. A planned delivery is stored already
 * leased and handed to its shard's sender once its transaction commits ({@link #enqueue}); one claimer takes what is
 * due besides (retries, replays, and deliveries whose lease ran out because their sender or instance stopped) and
 * hands each to its shard. A failure worth retrying waits the next of the configured delays (with jitter); after the
 * last one the delivery is dead-lettered (status DEAD, visible in the delivery log, replayable for webhooks).
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
     * Nothing is sent once less than this is left of a delivery's lease: more than a send can take (webhook and SMTP
     * time-outs are seconds), so a message is never still being sent when another instance may claim it.
     */
    private final Duration sendMargin;
    private final Duration batchWindow;
    private volatile List<BlockingQueue<Leased>> queues;
    private volatile ExecutorService senders;
    private volatile ScheduledExecutorService claimer;

    /** A delivery this instance holds the lease of, and until when it may still send it. */
    private record Leased(Deliveries.Delivery delivery, long sendBeforeNanos) {
    }

    public DispatchingDeliveries(Deliveries deliveries, EmailSender email, SmsSender sms, WebhookSender webhooks,
                       PersonalDataSealer sealer, DeliverySettings settings, MeterRegistry meters, Clock clock,
                       @Value("${loanflow.delivery.poll-interval:500ms}") Duration pollInterval,
                       @Value("${loanflow.delivery.lease:2m}") Duration lease,
                       @Value("${loanflow.delivery.send-margin:60s}") Duration sendMargin,
                       @Value("${loanflow.delivery.batch-window:250ms}") Duration batchWindow) {
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
        this.batchWindow = batchWindow;
        if (sendMargin.compareTo(webhooks.longestSend()) <= 0 || lease.compareTo(sendMargin) <= 0) {
            throw new IllegalArgumentException("loanflow.delivery.send-margin must be longer than a webhook can take "
                    + "(twice loanflow.webhooks.timeout) and shorter than loanflow.delivery.lease");
        }
    }

    @Override
    public void start() {
        List<BlockingQueue<Leased>> started = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            started.add(new LinkedBlockingQueue<>());
        }
        ExecutorService sending = Executors.newFixedThreadPool(shards, new CustomizableThreadFactory("delivery-"));
        queues = started;
        senders = sending;
        for (int shard = 0; shard < shards; shard++) {
            int index = shard;
            sending.execute(() -> send(index, started.get(index)));
        }
        ScheduledExecutorService claiming = Executors.newSingleThreadScheduledExecutor(
                new CustomizableThreadFactory("delivery-claimer-"));
        claiming.scheduleWithFixedDelay(this::claimDue, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        claimer = claiming;
    }

    @Override
    public void stop() {
        ScheduledExecutorService claiming = claimer;
        ExecutorService sending = senders;
        claimer = null;
        senders = null;
        for (ExecutorService running : Arrays.asList(claiming, sending)) {
            if (running == null) {
                continue;
            }
            running.shutdown(); // a batch under way finishes and records its attempts; queued ones keep their lease
            try {
                if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                    running.shutdownNow();
                }
            } catch (InterruptedException e) {
                running.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        queues = null;
    }

    @Override
    public boolean isRunning() {
        return senders != null;
    }

    /**
     * Stores planned deliveries, leased to this instance, in the caller's transaction, and hands them to their senders
     * once it commits: a delivery is sent without waiting for a claim, and never before it is stored.
     */
    public void enqueue(List<Deliveries.Planned> planned) {
        List<Deliveries.Delivery> stored = deliveries.enqueueLeased(planned, lease);
        if (stored.isEmpty()) {
            return;
        }
        long sendBefore = sendBeforeOfALeaseTakenNow();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                stored.forEach(delivery -> handOver(new Leased(delivery, sendBefore)));
            }
        });
    }

    private void handOver(Leased leased) {
        List<BlockingQueue<Leased>> current = queues;
        if (current != null) { // stopped: the delivery keeps its lease and is claimed once it runs out
            current.get(shardOf(leased.delivery().applicationId(), shards)).add(leased);
        }
    }

    /** What is due besides the deliveries handed over, for as long as the senders have room for it. */
    void claimDue() {
        try {
            List<Deliveries.Delivery> due;
            do {
                if (queued() >= CLAIMED * shards) {
                    return;
                }
                long sendBefore = sendBeforeOfALeaseTakenNow();
                due = deliveries.claimDue(CLAIMED * shards, lease);
                due.forEach(delivery -> handOver(new Leased(delivery, sendBefore)));
            } while (due.size() == CLAIMED * shards && claimer != null);
        } catch (RuntimeException failed) {
            // a delivery taken keeps its lease and is claimed again once the lease runs out
            log.warn("due deliveries not claimed, next poll tries again: {}", failed.getClass().getName());
        }
    }

    /** The shard of {@code shards} that sends every delivery of an application. */
    public static int shardOf(String applicationId, int shards) {
        return Math.floorMod(applicationId.hashCode(), shards);
    }

    private long sendBeforeOfALeaseTakenNow() {
        return System.nanoTime() + lease.minus(sendMargin).toNanos();
    }

    private int queued() {
        List<BlockingQueue<Leased>> current = queues;
        return current == null ? 0 : current.stream().mapToInt(BlockingQueue::size).sum();
    }

    private void send(int shard, BlockingQueue<Leased> queue) {
        while (senders != null) {
            List<Leased> batch = new ArrayList<>(CLAIMED);
            try {
                Leased first = queue.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, CLAIMED - 1);
                if (batch.size() < CLAIMED) {
                    // what follows within the window goes in the same batch: its e-mails over one SMTP connection,
                    // its attempts recorded in one statement, rather than one of each per delivery
                    Thread.sleep(batchWindow.toMillis());
                    queue.drainTo(batch, CLAIMED - batch.size());
                }
            } catch (InterruptedException stopping) {
                return;
            }
            try {
                sendBatch(shard, batch);
            } catch (RuntimeException failed) {
                // the batch's deliveries keep their lease and are claimed again once it runs out
                log.warn("sending deliveries of shard {} failed; they are sent again once their lease runs out: {}",
                        shard, failed.getClass().getName());
            }
        }
    }

    private void sendBatch(int shard, List<Leased> batch) {
        List<Deliveries.AttemptMade> made = new ArrayList<>(batch.size());
        try {
            List<Deliveries.Delivery> emails = batch.stream().filter(DispatchingDeliveries::leaseLeft)
                    .map(Leased::delivery).filter(delivery -> delivery.channel() == Channel.EMAIL).toList();
            if (!emails.isEmpty()) {
                made.addAll(sendEmailsTogether(emails));
            }
            for (Leased leased : batch) {
                if (leased.delivery().channel() != Channel.EMAIL && leaseLeft(leased)) {
                    made.add(attemptMade(leased.delivery(), send(leased.delivery())));
                }
            }
        } finally {
            int recorded = deliveries.recordAttempts(made); // what was sent before a failure is not sent again
            if (recorded < made.size()) {
                log.warn("{} attempts of shard {} not recorded: their lease was taken over", made.size() - recorded, shard);
            }
        }
    }

    /** Whether the delivery may still be sent: one left unsent keeps its lease and is claimed again after it. */
    private static boolean leaseLeft(Leased leased) {
        return System.nanoTime() - leased.sendBeforeNanos() < 0;
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
