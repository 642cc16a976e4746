package dev.loanflow.gateway.application;

import java.math.BigDecimal;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.RefundAnomalyReported;
import dev.loanflow.events.RefundFailed;
import dev.loanflow.events.RefundRequested;
import dev.loanflow.events.Refunded;
import dev.loanflow.gateway.bank.BankApi;
import dev.loanflow.gateway.bank.BankReply;
import dev.loanflow.gateway.bank.PaynKolayClient;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.gateway.persistence.BankApplications;
import dev.loanflow.gateway.persistence.Refunds;

/**
 * Refunds at the bank, never twice: before calling, the refunded total is recorded; a retried request first
 * checks whether the bank's total already includes this refund.
 */
@Component
public class RefundingAtBank {

    private final PaynKolayClient bank;
    private final BankApplications applications;
    private final Refunds refunds;
    private final CallBankThenApplyOnce once;
    private final OutcomePublisher outcomes;

    RefundingAtBank(PaynKolayClient bank, BankApplications applications, Refunds refunds, CallBankThenApplyOnce once,
                     OutcomePublisher outcomes) {
        this.bank = bank;
        this.applications = applications;
        this.refunds = refunds;
        this.once = once;
        this.outcomes = outcomes;
    }

    public void handle(RefundRequested request) {
        EventMetadata cause = request.getMetadata();
        once.handle(cause, RefundRequested.class.getSimpleName(), () -> settle(request), settlement -> {
            if (settlement.refundStatus() != null) {
                refunds.finish(request.getRefundId(), settlement.refundStatus(),
                        settlement.outcome() instanceof Refunded refunded ? refunded.getBankReferenceId() : null);
            }
            if (settlement.outcome() != null) {
                outcomes.publish(cause.getApplicationId(), settlement.outcome());
            }
        });
    }

    /** What the refund comes to at the bank; an attempt finished before comes to nothing new. */
    private Settlement settle(RefundRequested request) {
        EventMetadata cause = request.getMetadata();
        String applicationId = cause.getApplicationId();
        BankApplicationRecord application = applications.find(applicationId).orElse(null);
        String loanReference = request.getApplicationReferenceId() != null ? request.getApplicationReferenceId()
                : application == null ? null : application.loanReferenceId();
        if (application == null || loanReference == null) {
            return new Settlement(failed(request, "UNKNOWN_APPLICATION", "the gateway has no bank application for it"), null);
        }
        BankApi.LoanApplication before = loan(application, loanReference);
        Refunds.RefundRecord attempt = refunds.find(request.getRefundId()).orElse(null);
        if (attempt != null && !Refunds.PENDING.equals(attempt.status())) {
            return new Settlement(null, null);
        }
        if (attempt != null && refundedTotal(before).compareTo(attempt.refundedBefore().add(attempt.amount())) >= 0) {
            return new Settlement(refunded(request, before, attempt.refundedBefore(), null), "DONE");
        }
        BigDecimal refundedBefore = attempt != null ? attempt.refundedBefore() : refundedTotal(before);
        refunds.recordAttempt(request.getRefundId(), applicationId, request.getAmount(), refundedBefore);
        BankReply<BankApi.Refund> reply = bank.refund(applicationId, application.bankCode(), loanReference,
                new BankApi.RefundRequest(request.getAmount(), BankTranslation.toBank(request.getSellers())));
        SpecificRecord outcome = reply.fold(
                receipt -> receipt.success()
                        ? refunded(request, before, refundedBefore, receipt)
                        : "REFUNDED_ANOMALY".equals(loan(application, loanReference).status())
                        ? RefundAnomalyReported.newBuilder().setMetadata(outcomes.causedBy(cause))
                                .setRefundId(request.getRefundId())
                                .setReason(receipt.bankResponseCode() + " " + receipt.bankResponseMessage()).build()
                        : failed(request, receipt.bankResponseCode(), receipt.bankResponseMessage()),
                refused -> failed(request, refused.errorCode(), refused.message()));
        return new Settlement(outcome, outcome instanceof Refunded ? "DONE" : "FAILED");
    }

    /** The outcome to publish (or none) and the refund attempt's final status (or none to record). */
    private record Settlement(SpecificRecord outcome, String refundStatus) {
    }

    private Refunded refunded(RefundRequested request, BankApi.LoanApplication loan, BigDecimal refundedBefore,
                              BankApi.Refund receipt) {
        BigDecimal lent = BankTranslation.money(loan.paymentPlan().lendingAmount());
        BigDecimal total = BankTranslation.money(refundedBefore.add(request.getAmount()));
        BigDecimal remaining = lent.subtract(total);
        return Refunded.newBuilder().setMetadata(outcomes.causedBy(request.getMetadata()))
                .setRefundId(request.getRefundId()).setAmount(request.getAmount())
                .setRefundedTotal(total).setRemainingAmount(remaining).setFull(remaining.signum() == 0)
                .setBankReferenceId(receipt == null ? null : receipt.bankReferenceId())
                .setReferenceId(receipt == null ? null : receipt.referenceId()).build();
    }

    private RefundFailed failed(RefundRequested request, String code, String message) {
        return RefundFailed.newBuilder().setMetadata(outcomes.causedBy(request.getMetadata()))
                .setRefundId(request.getRefundId()).setAmount(request.getAmount())
                .setBankAnswer(BankTranslation.answer(code, message)).build();
    }

    private BankApi.LoanApplication loan(BankApplicationRecord application, String loanReference) {
        return bank.query(application.applicationId(), application.bankCode(), loanReference).fold(
                BankApi.LoanQuery::loanApplication,
                refused -> {
                    throw new IllegalStateException("the bank does not show loan " + loanReference + ": " + refused.errorCode());
                });
    }

    private static BigDecimal refundedTotal(BankApi.LoanApplication loan) {
        BigDecimal total = loan.paymentPlan() == null ? null : loan.paymentPlan().totalRefundAmount();
        return BankTranslation.money(total == null ? BigDecimal.ZERO : total);
    }
}
