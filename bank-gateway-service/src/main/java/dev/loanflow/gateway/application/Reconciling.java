package dev.loanflow.gateway.application;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.loanflow.gateway.bank.BankUnavailable;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.gateway.persistence.BankApplications;

/** Callbacks get lost: applications that have waited too long are asked about at the bank. */
@Component
class Reconciling {

    private static final Logger log = LoggerFactory.getLogger(Reconciling.class);

    private final BankApplications applications;
    private final ConfirmingLoanStatus confirmation;
    private final Duration staleAfter;
    private final int batchSize;

    Reconciling(BankApplications applications, ConfirmingLoanStatus confirmation,
                   @Value("${loanflow.reconciliation.stale-after}") Duration staleAfter,
                   @Value("${loanflow.reconciliation.batch-size}") int batchSize) {
        this.applications = applications;
        this.confirmation = confirmation;
        this.staleAfter = staleAfter;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelayString = "${loanflow.reconciliation.interval}")
    void reconcile() {
        for (BankApplicationRecord application : applications.claimStale(staleAfter, batchSize)) {
            try {
                if (confirmation.confirm(application)) {
                    log.info("reconciliation found the outcome of application {}", application.applicationId());
                }
            } catch (BankUnavailable unavailable) {
                log.info("reconciliation of application {} postponed: {}", application.applicationId(),
                        unavailable.getMessage());
            }
        }
    }
}
