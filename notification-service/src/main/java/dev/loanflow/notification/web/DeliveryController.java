package dev.loanflow.notification.web;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.loanflow.notification.channel.SandboxSmsSender;
import dev.loanflow.notification.channel.SmsSender;
import dev.loanflow.notification.delivery.Deliveries;
import dev.loanflow.security.CurrentMerchant;

/** The delivery log of a merchant's applications, and replay of dead-lettered webhooks by an operator. */
@RestController
class DeliveryController {

    private final Deliveries deliveries;
    private final SmsSender sms;

    DeliveryController(Deliveries deliveries, SmsSender sms) {
        this.deliveries = deliveries;
        this.sms = sms;
    }

    record AttemptView(int attempt, String outcome, String detail, Instant at) {
    }

    record DeliveryView(long id, String channel, String recipient, String status, int attempts, String lastError,
                        Instant createdAt, Instant nextAttemptAt, List<AttemptView> history) {
    }

    @GetMapping("/applications/{applicationId}/deliveries")
    List<DeliveryView> deliveries(@CurrentMerchant String merchantId, @PathVariable String applicationId) {
        return deliveries.ofApplication(merchantId, applicationId).stream()
                .map(delivery -> new DeliveryView(delivery.id(), delivery.channel().name(), delivery.recipientMasked(),
                        delivery.status(), delivery.attempts(), delivery.lastError(), delivery.createdAt(),
                        delivery.nextAttemptAt(), deliveries.attempts(delivery.id()).stream()
                        .map(a -> new AttemptView(a.attempt(), a.outcome(), a.detail(), a.at())).toList()))
                .toList();
    }

    @PostMapping("/deliveries/{deliveryId}/replay")
    ResponseEntity<?> replay(@PathVariable long deliveryId) {
        if (deliveries.replay(deliveryId)) {
            return ResponseEntity.accepted().build();
        }
        ProblemDetail problem = deliveries.find(deliveryId).isEmpty()
                ? ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no delivery " + deliveryId)
                : ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "only a dead-lettered webhook can be replayed");
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @GetMapping("/sandbox/sms")
    ResponseEntity<List<SandboxSmsSender.SentSms>> sandboxSms() {
        return sms instanceof SandboxSmsSender sandbox ? ResponseEntity.ok(sandbox.sent()) : ResponseEntity.notFound().build();
    }
}
