package dev.loanflow.origination.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.RefundRequested;
import dev.loanflow.events.SellerRefund;
import dev.loanflow.origination.lifecycle.LifecycleEvent;
import dev.loanflow.origination.persistence.Applications;
import dev.loanflow.origination.persistence.Refunds;

/** What a merchant may ask of its own application: cancel it, or refund part or all of an approved loan. */
@Component
public class MerchantRequests {

    private final ApplicationTransitions transitions;
    private final Applications applications;
    private final Refunds refunds;
    private final LifecycleMessages messages;
    private final Clock clock;

    MerchantRequests(ApplicationTransitions transitions, Applications applications, Refunds refunds,
                     LifecycleMessages messages, Clock clock) {
        this.transitions = transitions;
        this.applications = applications;
        this.refunds = refunds;
        this.messages = messages;
        this.clock = clock;
    }

    public sealed interface Answer permits Done, NotAllowed, NotFound {
    }

    public record Done(String reference) implements Answer {
    }

    public record NotAllowed(String reason) implements Answer {
    }

    public record NotFound() implements Answer {
    }

    public Answer cancel(String merchantId, String applicationId) {
        if (applications.findForMerchant(merchantId, applicationId).isEmpty()) {
            return new NotFound();
        }
        return answer(transitions.apply(applicationId, LifecycleEvent.CANCELLATION_REQUESTED, BigDecimal.ZERO,
                new ApplicationTransitions.Cause(null, "CancellationRequested", "MERCHANT", "cancelled by the merchant"), false,
                (before, after) -> messages.statusChanged(before, before.status(), after, "CancellationRequested",
                        before.refundedTotal(), before.bankApplication(), "cancelled by the merchant", null)),
                applicationId, "only an application that has not reached the bank can be cancelled");
    }

    public Answer refund(String merchantId, String applicationId, BigDecimal amount, List<SellerRefund> sellers) {
        if (applications.findForMerchant(merchantId, applicationId).isEmpty()) {
            return new NotFound();
        }
        String refundId = UUID.randomUUID().toString();
        return answer(transitions.apply(applicationId, LifecycleEvent.REFUND_REQUESTED,
                row -> amount.add(refunds.pendingTotal(row.applicationId())),
                new ApplicationTransitions.Cause(null, "RefundRequested", "MERCHANT", null), false,
                (before, after) -> {
                    refunds.requested(refundId, applicationId, amount);
                    messages.statusChanged(before, before.status(), after, "RefundRequested", before.refundedTotal(),
                            before.bankApplication(), "refund " + refundId + " of " + amount + " requested", null);
                    messages.toBank(applicationId, RefundRequested.newBuilder()
                            .setMetadata(new EventMetadata(UUID.randomUUID().toString(), applicationId, before.merchantId(),
                                    clock.instant(), before.correlationId(), null))
                            .setRefundId(refundId).setApplicationReferenceId(before.loanReferenceId())
                            .setAmount(amount).setSellers(sellers).build());
                }),
                refundId, "a refund needs an approved loan and must not exceed what remains (including pending refunds)");
    }

    private static Answer answer(ApplicationTransitions.Outcome outcome, String reference, String notAllowed) {
        if (outcome instanceof ApplicationTransitions.Applied) {
            return new Done(reference);
        }
        if (outcome instanceof ApplicationTransitions.Illegal illegal) {
            return new NotAllowed(notAllowed + "; the application is " + illegal.current());
        }
        return new NotFound();
    }
}
