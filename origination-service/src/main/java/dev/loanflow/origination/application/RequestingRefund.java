package dev.loanflow.origination.application;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.loanflow.events.RefundRequested;
import dev.loanflow.events.SellerRefund;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.lifecycle.LifecycleEvent;

/**
 * A merchant asks to refund part or all of an approved loan: allowed within what remains, counting the refunds still
 * on their way, and sent to the bank with the transition.
 */
@Component
public class RequestingRefund {

    private final Transitions transitions;
    private final ApplicationStore applications;
    private final RefundBook refunds;
    private final LifecyclePublisher publisher;

    RequestingRefund(Transitions transitions, ApplicationStore applications, RefundBook refunds,
                     LifecyclePublisher publisher) {
        this.transitions = transitions;
        this.applications = applications;
        this.refunds = refunds;
        this.publisher = publisher;
    }

    public MerchantAnswer refund(String merchantId, String applicationId, BigDecimal amount, List<SellerRefund> sellers) {
        if (applications.findForMerchant(merchantId, applicationId).isEmpty()) {
            return new MerchantAnswer.NotFound();
        }
        String refundId = UUID.randomUUID().toString();
        Money requested = Money.of(amount);
        Change change = Change.of(LifecycleEvent.REFUND_REQUESTED, Change.Cause.fromMerchant("RefundRequested", null))
                .requestingRefund(stored -> requested.plus(Money.of(refunds.pendingTotal(stored.applicationId()))),
                        "refund " + refundId + " of " + amount + " requested")
                .then((before, after) -> {
                    refunds.requested(refundId, applicationId, amount);
                    publisher.toBank(applicationId, RefundRequested.newBuilder()
                            .setMetadata(publisher.metadata(before.application(), null))
                            .setRefundId(refundId).setApplicationReferenceId(before.application().loanReferenceId())
                            .setAmount(amount).setSellers(sellers).build());
                });
        return MerchantAnswer.of(transitions.apply(applicationId, change), refundId,
                "a refund needs an approved loan and must not exceed what remains (including pending refunds)");
    }
}
