package dev.loanflow.gateway.application;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.loanflow.events.ActorType;
import dev.loanflow.events.ApplicationCancelled;
import dev.loanflow.events.ApplicationFailed;
import dev.loanflow.events.ApplicationTimedOut;
import dev.loanflow.events.BankApproved;
import dev.loanflow.events.BankRejected;
import dev.loanflow.gateway.bank.BankApi;
import dev.loanflow.gateway.bank.BankReply;
import dev.loanflow.gateway.bank.PaynKolayClient;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.gateway.persistence.BankApplications;

/**
 * Learns an application's outcome from the bank's status query, never from a callback's body, and publishes it
 * once: a duplicate or late callback, or a reconciliation that finds nothing new, changes nothing.
 */
@Component
public class ConfirmingLoanStatus {

    private static final Logger log = LoggerFactory.getLogger(ConfirmingLoanStatus.class);

    private final PaynKolayClient bank;
    private final BankApplications applications;
    private final OutcomePublisher outcomes;
    private final TransactionTemplate transaction;

    ConfirmingLoanStatus(PaynKolayClient bank, BankApplications applications, OutcomePublisher outcomes,
                           TransactionTemplate transaction) {
        this.bank = bank;
        this.applications = applications;
        this.outcomes = outcomes;
        this.transaction = transaction;
    }

    /** True when the bank's answer completed a waiting application. */
    public boolean confirm(BankApplicationRecord application) {
        BankReply<BankApi.LoanQuery> reply = bank.query(application.applicationId(), application.bankCode(),
                application.loanReferenceId());
        if (reply instanceof BankReply.Refused<BankApi.LoanQuery> refused) {
            log.warn("status query for application {} refused: {} {}", application.applicationId(),
                    refused.errorCode(), refused.message());
            return false;
        }
        return confirm(application, ((BankReply.Answered<BankApi.LoanQuery>) reply).body().loanApplication());
    }

    /** As {@link #confirm(BankApplicationRecord)}, with the loan as the bank already showed it (its report). */
    public boolean confirm(BankApplicationRecord application, BankApi.LoanApplication loan) {
        SpecificRecord outcome = outcomeOf(application, loan);
        if (outcome == null) {
            return false;
        }
        Boolean completed = transaction.execute(status -> {
            if (!applications.completeIfWaiting(application.applicationId(), loan.status())) {
                return false;
            }
            outcomes.publish(application.applicationId(), outcome);
            return true;
        });
        return Boolean.TRUE.equals(completed);
    }

    private SpecificRecord outcomeOf(BankApplicationRecord application, BankApi.LoanApplication loan) {
        return switch (loan.status()) {
            case "APPROVED", "REFUNDED", "REFUNDED_PARTIAL", "REFUNDED_ANOMALY" -> BankApproved.newBuilder()
                    .setMetadata(outcomes.about(application)).setApplicationReferenceId(loan.referenceId())
                    .setBankApplicationId(loan.bankApplicationId())
                    .setPaymentPlan(loan.paymentPlan() == null ? null : BankTranslation.plan(loan.paymentPlan())).build();
            case "REJECTED" -> BankRejected.newBuilder().setMetadata(outcomes.about(application))
                    .setApplicationReferenceId(loan.referenceId())
                    .setBankAnswer(BankTranslation.answer("REJECTED", "the bank rejected the application")).build();
            case "CANCELLED" -> ApplicationCancelled.newBuilder().setMetadata(outcomes.about(application))
                    .setCancelledBy(ActorType.CUSTOMER).setReason("cancelled on the bank's page").build();
            case "TIMEOUT" -> ApplicationTimedOut.newBuilder().setMetadata(outcomes.about(application))
                    .setDetectedBy(ActorType.BANK)
                    .setTimeToLive(application.timeToLive() != null ? application.timeToLive()
                            : java.time.Instant.ofEpochSecond(loan.timeToLive())).build();
            case "FAILED" -> ApplicationFailed.newBuilder().setMetadata(outcomes.about(application))
                    .setBankAnswer(BankTranslation.answer("FAILED", "the bank reports the application failed"))
                    .setReason("failed at the bank").build();
            default -> null;
        };
    }
}
