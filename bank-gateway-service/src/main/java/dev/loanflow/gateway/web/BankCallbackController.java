package dev.loanflow.gateway.web;

import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import dev.loanflow.gateway.application.LoanStatusConfirmation;
import dev.loanflow.gateway.bank.BankUnavailable;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.gateway.persistence.BankApplications;
import dev.loanflow.gateway.persistence.CallbackHints;

/**
 * Where the bank posts an application's result. The body is not trusted: only its reference is read, and the
 * outcome is confirmed with the bank's status query. Unknown references get the same answer as known ones.
 */
@RestController
class BankCallbackController {

    private final BankApplications applications;
    private final LoanStatusConfirmation confirmation;
    private final CallbackHints hints;

    BankCallbackController(BankApplications applications, LoanStatusConfirmation confirmation, CallbackHints hints) {
        this.applications = applications;
        this.confirmation = confirmation;
        this.hints = hints;
    }

    @PostMapping("/bank/callbacks")
    ResponseEntity<Void> callback(@RequestBody JsonNode body) {
        String reference = body.path("referenceId").asText("");
        if (reference.isEmpty() || reference.length() > 64) {
            return ResponseEntity.accepted().build();
        }
        Optional<BankApplicationRecord> application = applications.findByLoanReference(reference);
        if (application.isEmpty()) {
            // the bank can be faster than our commit of its own answer: keep the hint, then look once more, so that
            // either this request or the submission that stores the reference acts on it
            hints.remember(reference);
            application = applications.findByLoanReference(reference).filter(known -> hints.take(reference));
        }
        application.ifPresent(this::confirm);
        return ResponseEntity.accepted().build();
    }

    private void confirm(BankApplicationRecord application) {
        try {
            confirmation.confirm(application);
        } catch (BankUnavailable unavailable) {
            // reconciliation asks again later
        }
    }
}
