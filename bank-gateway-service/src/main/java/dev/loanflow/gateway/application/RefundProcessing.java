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
import dev.loanflow.eventing.ConsumedEvents;
import dev.loanflow.gateway.persistence.Refunds;

/**
 * Refunds at the bank, never twice: before calling, the refunded total is recorded; a retried request first
 * checks whether the bank's total already includes this refund.
 */
@Component
public class RefundProcessing {

    private final PaynKolayClient bank;
    private final BankApplications applications;
    private final Refunds refunds;
    private final ConsumedEvents consumed;
    private final Outcomes outcomes;

    RefundProcessing(PaynKolayClient bank, BankApplications applications, Refunds refunds, ConsumedEvents consumed,
                     Outcomes outcomes) {
        this.bank = bank;
        this.applications = applications;
        this.refunds = refunds;
        this.consumed = consumed;
        this.outcomes = outcomes;
    }

    public void handle(RefundRequested request) {
        EventMetadata cause = request.getMetadata();
        if (consumed.alreadyProcessed(cause.getEventId())) {
            return;
        }
        String applicationId = cause.getApplicationId();
        BankApplicationRecord application = applications.find(applicationId).orElse(null);
        String loanReference = request.getApplicationReferenceId() != null ? request.getApplicationReferenceId()
                : application == null ? null : application.loanReferenceId();
        if (application == null || loanReference == null) {
            finish(request, failed(request, "UNKNOWN_APPLICATION", "the gateway has no bank application for it"), null);
            return;
        }
        BankApi.LoanApplication before = loan(application, loanReference);
        Refunds.RefundRecord attempt = refunds.find(request.getRefundId()).orElse(null);
        if (attempt != null && !Refunds.PENDING.equals(attempt.status())) {
            consumed.applyOnce(cause.getEventId(), RefundRequested.class.getSimpleName(), () -> { });
            return;
        }
        if (attempt != null && refundedTotal(before).compareTo(attempt.refundedBefore().add(attempt.amount())) >= 0) {
            finish(request, refunded(request, before, attempt.refundedBefore(), null), "DONE");
            return;
        }
        BigDecimal refundedBefore = attempt != null ? attempt.refundedBefore() : refundedTotal(before);
        refunds.recordAttempt(request.getRefundId(), applicationId, request.getAmount(), refundedBefore);
        BankReply<BankApi.Refund> reply = bank.refund(applicationId, application.bankCode(), loanReference,
                new BankApi.RefundRequest(request.getAmount(), Translations.toBank(request.getSellers())));
        SpecificRecord outcome = reply.fold(
                receipt -> receipt.success()
                        ? refunded(request, before, refundedBefore, receipt)
                        : "REFUNDED_ANOMALY".equals(loan(application, loanReference).status())
                        ? RefundAnomalyReported.newBuilder().setMetadata(outcomes.causedBy(cause))
                                .setRefundId(request.getRefundId())
                                .setReason(receipt.bankResponseCode() + " " + receipt.bankResponseMessage()).build()
                        : failed(request, receipt.bankResponseCode(), receipt.bankResponseMessage()),
                refused -> failed(request, refused.errorCode(), refused.message()));
        finish(request, outcome, outcome instanceof Refunded ? "DONE" : "FAILED");
    }

    private void finish(RefundRequested request, SpecificRecord outcome, String refundStatus) {
        EventMetadata cause = request.getMetadata();
        consumed.applyOnce(cause.getEventId(), RefundRequested.class.getSimpleName(), () -> {
            if (refundStatus != null) {
                refunds.finish(request.getRefundId(), refundStatus,
                        outcome instanceof Refunded refunded ? refunded.getBankReferenceId() : null);
            }
            outcomes.publish(cause.getApplicationId(), outcome);
        });
    }

    private Refunded refunded(RefundRequested request, BankApi.LoanApplication loan, BigDecimal refundedBefore,
                              BankApi.Refund receipt) {
        BigDecimal lent = Translations.money(loan.paymentPlan().lendingAmount());
        BigDecimal total = Translations.money(refundedBefore.add(request.getAmount()));
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
                .setBankAnswer(Translations.answer(code, message)).build();
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
        return Translations.money(total == null ? BigDecimal.ZERO : total);
    }
}
