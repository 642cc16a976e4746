package dev.loanflow.gateway.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import dev.loanflow.gateway.application.LoanStatusConfirmation;
import dev.loanflow.gateway.bank.BankUnavailable;
import dev.loanflow.gateway.persistence.BankApplications;

/**
 * Where the bank posts an application's result. The body is not trusted: only its reference is read, and the
 * outcome is confirmed with the bank's status query. Unknown references get the same answer as known ones.
 */
@RestController
class BankCallbackController {

    private final BankApplications applications;
    private final LoanStatusConfirmation confirmation;

    BankCallbackController(BankApplications applications, LoanStatusConfirmation confirmation) {
        this.applications = applications;
        this.confirmation = confirmation;
    }

    @PostMapping("/bank/callbacks")
    ResponseEntity<Void> callback(@RequestBody JsonNode body) {
        String reference = body.path("referenceId").asText("");
        if (reference.length() <= 64) {
            applications.findByLoanReference(reference).ifPresent(application -> {
                try {
                    confirmation.confirm(application);
                } catch (BankUnavailable unavailable) {
                    // reconciliation asks again later
                }
            });
        }
        return ResponseEntity.accepted().build();
    }
}
