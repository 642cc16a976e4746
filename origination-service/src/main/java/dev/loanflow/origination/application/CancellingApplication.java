package dev.loanflow.origination.application;

import org.springframework.stereotype.Component;

import dev.loanflow.origination.lifecycle.LifecycleEvent;

/** A merchant cancels its own application before it reaches the bank. */
@Component
public class CancellingApplication {

    private static final String DETAIL = "cancelled by the merchant";

    private final Transitions transitions;
    private final ApplicationStore applications;

    CancellingApplication(Transitions transitions, ApplicationStore applications) {
        this.transitions = transitions;
        this.applications = applications;
    }

    public MerchantAnswer cancel(String merchantId, String applicationId) {
        if (applications.findForMerchant(merchantId, applicationId).isEmpty()) {
            return new MerchantAnswer.NotFound();
        }
        return MerchantAnswer.of(transitions.apply(applicationId, Change.of(LifecycleEvent.CANCELLATION_REQUESTED,
                        Change.Cause.fromMerchant("CancellationRequested", DETAIL))),
                applicationId, "only an application that has not reached the bank can be cancelled");
    }
}
