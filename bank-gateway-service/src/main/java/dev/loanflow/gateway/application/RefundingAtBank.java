package dev.loanflow.gateway.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.RefundAnomalyReported;
import dev.loanflow.events.RefundFailed;
import dev.loanflow.events.RefundRequested;
import dev.loanflow.events.Refunded;
import dev.loanflow.gateway.bank.BankApi;
import dev.loanflow.gateway.bank.BankReply;
import dev.loanflow.gateway.bank.BankUnavailable;
import dev.loanflow.gateway.bank.PaynKolayClient;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.gateway.persistence.BankApplications;
import dev.loanflow.gateway.persistence.Refunds;

/**
 * Refunds at the bank, never twice: the refund is claimed before the call (one in flight per application) with the
 * bank's refunded total before it; a call whose answer was lost is settled from the bank, never sent again.
 */
@Component
public class RefundingAtBank {

    private static final Logger log = LoggerFactory.getLogger(RefundingAtBank.class);

    private final PaynKolayClient bank;
    private final BankApplications applications;
    private final Refunds refunds;
    private final CallBankThenApplyOnce once;
    private final OutcomePublisher outcomes;
    private final SeededDefects defects;
    private final Duration settleWindow;
    private final Clock clock;

    RefundingAtBank(PaynKolayClient bank, BankApplications applications, Refunds refunds, CallBankThenApplyOnce once,
                    OutcomePublisher outcomes, SeededDefects defects,
                    @Value("${loanflow.refunds.settle-window:30s}") Duration settleWindow, Clock clock) {
        this.defects = defects;
        this.settleWindow = settleWindow;
        this.clock = clock;
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
        Refunds.RefundRecord attempt = refunds.find(request.getRefundId()).orElse(null);
        if (attempt != null && !Refunds.PENDING.equals(attempt.status())) {
            return new Settlement(null, null);
        }
        BankApi.LoanApplication before = loan(application, loanReference);
        if (attempt != null && !defects.refundResentAfterLostAnswer()) {
            Optional<Settlement> settled = settleLostAnswer(request, application, loanReference, attempt, before);
            if (settled.isPresent()) {
                return settled.get();
            }
            attempt = null;
        }
        if (attempt != null && refundedTotal(before).compareTo(attempt.refundedBefore().add(attempt.amount())) >= 0) {
            return new Settlement(refunded(request, before, attempt.refundedBefore(), null), "DONE");
        }
        BigDecimal refundedBefore = attempt != null ? attempt.refundedBefore() : refundedTotal(before);
        if (attempt == null && !refunds.claim(request.getRefundId(), applicationId, request.getAmount(), refundedBefore)) {
            throw new NotSettledYet("refund " + request.getRefundId()
                    + " or another refund of its application is in flight at the bank");
        }
        BankReply<BankApi.Refund> reply;
        try {
            reply = bank.refund(applicationId, application.bankCode(), loanReference,
                    new BankApi.RefundRequest(request.getAmount(), BankTranslation.toBank(request.getSellers())));
        } catch (BankUnavailable unavailable) {
            if (!unavailable.mayHaveActed()) {
                refunds.release(request.getRefundId());
            }
            throw unavailable;
        }
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

    /**
     * An earlier call of this refund may have reached the bank and its answer was lost: the bank's refunded total says
     * what became of it, never a guess. Showing it, the refund is done. Until the settle window has passed, a total
     * without it is asked again later. After it, when the status query and the report both show the total from
     * before the refund, the bank did not execute it: the claim is released and the refund sent (empty answer). A
     * total that is neither cannot tell, and the refund is parked as uncertain for an operator.
     */
    private Optional<Settlement> settleLostAnswer(RefundRequested request, BankApplicationRecord application,
                                                  String loanReference, Refunds.RefundRecord attempt,
                                                  BankApi.LoanApplication queried) {
        BigDecimal withIt = attempt.refundedBefore().add(attempt.amount());
        if (refundedTotal(queried).compareTo(withIt) == 0) {
            return Optional.of(new Settlement(refunded(request, queried, attempt.refundedBefore(), null), "DONE"));
        }
        if (attempt.claimedAt().plus(settleWindow).isAfter(clock.instant())) {
            throw new NotSettledYet("refund " + request.getRefundId()
                    + " lost its answer and does not show at the bank yet");
        }
        BankApi.LoanApplication reported = reported(application, loanReference).orElse(queried);
        if (refundedTotal(reported).compareTo(withIt) == 0) {
            return Optional.of(new Settlement(refunded(request, reported, attempt.refundedBefore(), null), "DONE"));
        }
        if (refundedTotal(queried).compareTo(attempt.refundedBefore()) == 0
                && refundedTotal(reported).compareTo(attempt.refundedBefore()) == 0) {
            refunds.release(request.getRefundId());
            return Optional.empty();
        }
        log.warn("refund {} of application {}: the call's answer was lost and the bank's refunded total is neither "
                + "the total before it nor with it; parked as uncertain for an operator", request.getRefundId(),
                application.applicationId());
        return Optional.of(new Settlement(null, Refunds.UNCERTAIN));
    }

    private Optional<BankApi.LoanApplication> reported(BankApplicationRecord application, String loanReference) {
        Instant now = clock.instant();
        BankReply<BankApi.Report> reply = bank.report(application.applicationId(), application.bankCode(),
                now.minus(Duration.ofDays(400)), now.plus(Duration.ofHours(1)), loanReference, 0, 1);
        return reply instanceof BankReply.Answered<BankApi.Report> answered
                ? answered.body().loanApplications().stream().findFirst()
                : Optional.empty();
    }

    /** The outcome to publish (or none) and the refund attempt's final status (or none to record). */
    private record Settlement(SpecificRecord outcome, String refundStatus) {
    }

    private Refunded refunded(RefundRequested request, BankApi.LoanApplication loan, BigDecimal refundedBefore,
                              BankApi.Refund receipt) {
        return BankTranslation.refunded(outcomes.causedBy(request.getMetadata()), request.getRefundId(),
                request.getAmount(), refundedBefore, loan.paymentPlan().lendingAmount(),
                receipt == null ? null : receipt.bankReferenceId(), receipt == null ? null : receipt.referenceId());
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
