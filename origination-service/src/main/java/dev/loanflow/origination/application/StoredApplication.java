package dev.loanflow.origination.application;

import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;
import dev.loanflow.origination.domain.Application;

/**
 * An application as stored: the aggregate, and beside it the records that carried its data in, kept as the contract
 * wrote them (the sealed request, the bank's pre-approval and application answers).
 *
 * @param requestHash a keyed fingerprint of the submission, to tell a resubmission from a conflicting one
 */
public record StoredApplication(Application application, String requestHash, PreApprovalRequested preApprovalRequest,
                                PreApproved preApproved, BankApplicationCreated bankApplication) {

    public String applicationId() {
        return application.applicationId();
    }
}
