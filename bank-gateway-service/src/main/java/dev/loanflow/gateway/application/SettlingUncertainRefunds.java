package dev.loanflow.gateway.application;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.loanflow.events.RefundFailed;
import dev.loanflow.events.Refunded;
import dev.loanflow.gateway.bank.PaynKolayClient;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.gateway.persistence.BankApplications;
import dev.loanflow.gateway.persistence.Refunds;

/**
 * An operator settles a refund the bank could not account for (its answer was lost and the bank never showed it):
 * executed, as the bank's people confirmed, or not executed, which frees the amount for a new request. The
 * outcome is published once, as if the bank had answered.
 */
@Component
public class SettlingUncertainRefunds {

    private static final Logger log = LoggerFactory.getLogger(SettlingUncertainRefunds.class);

    private final Refunds refunds;
    private final BankApplications applications;
    private final OutcomePublisher outcomes;
    private final TransactionTemplate transaction;
    private final PaynKolayClient bank;

    SettlingUncertainRefunds(Refunds refunds, BankApplications applications, OutcomePublisher outcomes,
                             TransactionTemplate transaction, PaynKolayClient bank) {
        this.bank = bank;
        this.refunds = refunds;
        this.applications = applications;
        this.outcomes = outcomes;
        this.transaction = transaction;
    }

    public List<Refunds.RefundRecord> uncertain() {
        return refunds.uncertain();
    }

    /** @return false when the refund is unknown or not uncertain (settled before, or still being settled) */
    public boolean settle(String refundId, boolean executed, String operator) {
        Optional<Refunds.RefundRecord> found = refunds.find(refundId).filter(refund -> Refunds.UNCERTAIN.equals(refund.status()));
        Optional<BankApplicationRecord> application = found.flatMap(refund -> applications.find(refund.applicationId()));
        if (found.isEmpty() || application.isEmpty()) {
            return false;
        }
        Refunds.RefundRecord refund = found.get();
        BankApplicationRecord loan = application.get();
        SpecificRecord outcome = executed ? refunded(loan, refund) : notExecuted(loan, refund);
        transaction.executeWithoutResult(status -> {
            refunds.finish(refundId, executed ? "DONE" : "FAILED", null);
            outcomes.publish(loan.applicationId(), outcome);
        });
        log.info("uncertain refund {} of application {} settled by {} as {}", refundId, loan.applicationId(), operator,
                executed ? "executed" : "not executed");
        return true;
    }

    private Refunded refunded(BankApplicationRecord loan, Refunds.RefundRecord refund) {
        BigDecimal lent = bank.query(loan.applicationId(), loan.bankCode(), loan.loanReferenceId())
                .bodyOrUnavailable("its status query").loanApplication().paymentPlan().lendingAmount();
        return BankTranslation.refunded(outcomes.about(loan), refund.refundId(), refund.amount(), refund.refundedBefore(),
                lent, null, null);
    }

    private RefundFailed notExecuted(BankApplicationRecord loan, Refunds.RefundRecord refund) {
        return RefundFailed.newBuilder().setMetadata(outcomes.about(loan)).setRefundId(refund.refundId())
                .setAmount(refund.amount())
                .setBankAnswer(BankTranslation.answer("NOT_EXECUTED", "settled by an operator: the bank did not execute it"))
                .build();
    }
}
