package dev.loanflow.gateway.application;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.loanflow.gateway.bank.BankInteractions;
import dev.loanflow.gateway.bank.BankUnavailable;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.gateway.persistence.BankApplications;
import dev.loanflow.gateway.persistence.CallbackHints;

/**
 * The bank's callbacks: a callback only says "ask about this reference", and the outcome comes from the bank's status
 * query. The bank can call back before we have committed the reference it just gave us, so such a callback is kept
 * as a hint, and whichever comes second, the callback or the stored reference, asks the bank.
 */
@Component
public class ReceivingBankCallbacks {

    private final BankApplications applications;
    private final CallbackHints hints;
    private final ConfirmingLoanStatus confirmation;
    private final BankInteractions interactions;

    ReceivingBankCallbacks(BankApplications applications, CallbackHints hints, ConfirmingLoanStatus confirmation,
                  BankInteractions interactions) {
        this.applications = applications;
        this.hints = hints;
        this.confirmation = confirmation;
        this.interactions = interactions;
    }

    public void received(String loanReferenceId) {
        interactions.recordTogether(() -> {
            Optional<BankApplicationRecord> application = applications.findByLoanReference(loanReferenceId);
            if (application.isEmpty()) {
                hints.remember(loanReferenceId);
                // look once more: the reference may have been stored between the first look and the hint
                application = applications.findByLoanReference(loanReferenceId).filter(known -> hints.take(loanReferenceId));
            }
            application.ifPresent(this::confirm);
        });
    }

    /** After the reference is committed: a callback that came before it is acted on now, not at reconciliation. */
    void referenceStored(String applicationId, String loanReferenceId) {
        if (hints.take(loanReferenceId)) {
            applications.find(applicationId).ifPresent(this::confirm);
        }
    }

    private void confirm(BankApplicationRecord application) {
        try {
            confirmation.confirm(application);
        } catch (BankUnavailable unavailable) {
            // reconciliation asks again later
        }
    }
}
