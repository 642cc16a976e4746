package dev.loanflow.gateway.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import dev.loanflow.gateway.application.ReceivingBankCallbacks;

/**
 * Where the bank posts an application's result. The body is not trusted: only its reference is read, and the
 * outcome is confirmed with the bank's status query. Unknown references get the same answer as known ones.
 */
@RestController
class BankCallbackController {

    private final ReceivingBankCallbacks callbacks;

    BankCallbackController(ReceivingBankCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @PostMapping("/bank/callbacks")
    ResponseEntity<Void> callback(@RequestBody JsonNode body) {
        String reference = body.path("referenceId").asText("");
        if (!reference.isEmpty() && reference.length() <= 64) {
            callbacks.received(reference);
        }
        return ResponseEntity.accepted().build();
    }
}
