package dev.loanflow.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

import dev.loanflow.notification.channel.EmailSender;
import dev.loanflow.notification.channel.SendResult;
import dev.loanflow.notification.channel.SmsSender;
import dev.loanflow.notification.channel.WebhookSender;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * Sends due deliveries. A failure worth retrying waits the next of the configured delays (with jitter); after the
 * last one the delivery is dead-lettered (status DEAD, visible in the delivery log, replayable for webhooks).
 */
@Component
class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final Deliveries deliveries;
    private final EmailSender email;
    private final SmsSender sms;
    private final WebhookSender webhooks;
    private final PersonalDataSealer sealer;
    private final List<Duration> retryDelays;
    private final MeterRegistry meters;
    private final Clock clock;

    DeliveryDispatcher(Deliveries deliveries, EmailSender email, SmsSender sms, WebhookSender webhooks,
                       PersonalDataSealer sealer, DeliverySettings settings, MeterRegistry meters, Clock clock) {
        this.deliveries = deliveries;
        this.email = email;
        this.sms = sms;
        this.webhooks = webhooks;
        this.sealer = sealer;
        this.retryDelays = settings.retryDelays();
        this.meters = meters;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${loanflow.delivery.poll-interval:500ms}")
    void dispatch() {
        List<Deliveries.Delivery> due;
        do {
            due = deliveries.claimDue(20, LEASE);
            due.forEach(this::attempt);
        } while (due.size() == 20);
    }

    private void attempt(Deliveries.Delivery delivery) {
        int attempt = delivery.attempts() + 1;
        SendResult result = send(delivery);
        String outcome = result.outcome().name();
        meters.counter("loanflow.notifications.attempts", "channel", delivery.channel().name(), "outcome", outcome).increment();
        switch (result.outcome()) {
            case DELIVERED -> deliveries.recordAttempt(delivery.id(), attempt, outcome, result.detail(), "DELIVERED", null,
                    clock.instant());
            case FAILED -> deliveries.recordAttempt(delivery.id(), attempt, outcome, result.detail(), "FAILED",
                    result.detail(), clock.instant());
            case RETRY -> {
                if (attempt > retryDelays.size()) {
                    log.warn("{} delivery {} of application {} dead-lettered after {} attempts: {}", delivery.channel(),
                            delivery.id(), delivery.applicationId(), attempt, result.detail());
                    deliveries.recordAttempt(delivery.id(), attempt, outcome, result.detail(), "DEAD", result.detail(),
                            clock.instant());
                } else {
                    deliveries.recordAttempt(delivery.id(), attempt, outcome, result.detail(), "RETRYING", result.detail(),
                            clock.instant().plus(jittered(retryDelays.get(attempt - 1))));
                }
            }
        }
    }

    private SendResult send(Deliveries.Delivery delivery) {
        return switch (delivery.channel()) {
            case EMAIL -> email.send(sealer.open(delivery.recipient()), delivery.subject(), delivery.body());
            case SMS -> sms.send(sealer.open(delivery.recipient()), delivery.body());
            case WEBHOOK -> webhooks.send(delivery.merchantId(), delivery.targetUrl(), "msg_" + delivery.eventId(),
                    delivery.body());
        };
    }

    /** Up to a fifth either way, so retries of many deliveries do not arrive together. */
    private static Duration jittered(Duration delay) {
        long millis = delay.toMillis();
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(-millis / 5, millis / 5 + 1));
    }
}
