package dev.loanflow.gateway.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

import dev.loanflow.gateway.application.ReceivingBankCallbacks;

/**
 * Where the bank posts an application's result. The body is not trusted: only its reference is read, and the
 * outcome is confirmed with the bank's status query. Unknown references get the same answer as known ones. Anyone
 * can reach this address, so it takes at most {@code bank-callbacks} (Resilience4j rate limiter) a second and
 * answers 429 beyond; a callback lost that way is found by reconciliation.
 */
@RestController
class BankCallbackController {

    private final ReceivingBankCallbacks callbacks;
    private final RateLimiter limit;

    BankCallbackController(ReceivingBankCallbacks callbacks, RateLimiterRegistry limits) {
        this.callbacks = callbacks;
        this.limit = limits.rateLimiter("bank-callbacks");
    }

    @PostMapping("/bank/callbacks")
    ResponseEntity<?> callback(@RequestBody JsonNode body) {
        if (!limit.acquirePermission()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "too many callbacks; try again in a second");
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "1")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        String reference = body.path("referenceId").asText("");
        if (!reference.isEmpty() && reference.length() <= 64) {
            callbacks.received(reference);
        }
        return ResponseEntity.accepted().build();
    }
}
