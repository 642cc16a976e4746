package dev.loanflow.origination.application;

import java.math.BigDecimal;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

import dev.loanflow.eventing.ConsumedEvents;
import dev.loanflow.events.ApplicationCancelled;
import dev.loanflow.events.ApplicationFailed;
import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.events.ApplicationTimedOut;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.BankApproved;
import dev.loanflow.events.BankRejected;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.PreApprovalDeclined;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;
import dev.loanflow.events.RefundAnomalyReported;
import dev.loanflow.events.RefundFailed;
import dev.loanflow.events.Refunded;
import dev.loanflow.origination.lifecycle.LifecycleEvent;
import dev.loanflow.origination.persistence.ApplicationRow;
import dev.loanflow.origination.persistence.Applications;
import dev.loanflow.origination.persistence.Refunds;

/** The bank's answers, as the gateway reports them, move applications along; origination decides the next step. */
@Component
public class BankOutcomeHandling {

    private final ApplicationTransitions transitions;
    private final Applications applications;
    private final Refunds refunds;
    private final LifecycleMessages messages;
    private final ConsumedEvents consumed;

    BankOutcomeHandling(ApplicationTransitions transitions, Applications applications, Refunds refunds,
                        LifecycleMessages messages, ConsumedEvents consumed) {
        this.transitions = transitions;
        this.applications = applications;
        this.refunds = refunds;
        this.messages = messages;
        this.consumed = consumed;
    }

    public void handle(SpecificRecord outcome, EventMetadata metadata) {
        String id = metadata.getApplicationId();
        if (outcome instanceof PreApproved preApproved) {
            apply(id, LifecycleEvent.PRE_APPROVED, preApproved, metadata, null, (before, after) -> {
                applications.recordPreApproval(id, preApproved);
                messages.toBank(id, bankApplicationRequest(before, preApproved));
            });
        } else if (outcome instanceof PreApprovalDeclined declined) {
            apply(id, LifecycleEvent.PRE_APPROVAL_DECLINED, declined, metadata,
                    declined.getBankAnswer().getCode() + " " + declined.getBankAnswer().getMessage(), null);
        } else if (outcome instanceof BankApplicationCreated created) {
            apply(id, LifecycleEvent.BANK_APPLICATION_CREATED, created, metadata, null,
                    (before, after) -> applications.recordBankApplication(id, created));
        } else if (outcome instanceof BankApproved) {
            apply(id, LifecycleEvent.BANK_APPROVED, outcome, metadata, null, null);
        } else if (outcome instanceof BankRejected rejected) {
            apply(id, LifecycleEvent.BANK_REJECTED, outcome, metadata,
                    rejected.getBankAnswer().getCode() + " " + rejected.getBankAnswer().getMessage(), null);
        } else if (outcome instanceof ApplicationCancelled cancelled) {
            apply(id, LifecycleEvent.CANCELLED_AT_BANK, outcome, metadata, "cancelled by " + cancelled.getCancelledBy(), null);
        } else if (outcome instanceof ApplicationFailed failed) {
            apply(id, LifecycleEvent.FAILED, outcome, metadata, failed.getReason(), null);
        } else if (outcome instanceof ApplicationTimedOut) {
            apply(id, LifecycleEvent.TIMED_OUT, outcome, metadata, "timed out at the bank", null);
        } else if (outcome instanceof Refunded refunded) {
            transitions.apply(id, LifecycleEvent.REFUNDED, refunded.getAmount(), cause(outcome, metadata, null), true,
                    (before, after) -> {
                        applications.addRefunded(id, refunded.getAmount());
                        refunds.completed(refunded.getRefundId(), "DONE", null);
                        announce(before, after, outcome, metadata, before.refundedTotal().add(refunded.getAmount()), null);
                    });
        } else if (outcome instanceof RefundFailed failed) {
            consumed.applyOnce(metadata.getEventId(), outcome.getClass().getSimpleName(), () -> refunds.completed(
                    failed.getRefundId(), "FAILED", failed.getBankAnswer().getCode() + " " + failed.getBankAnswer().getMessage()));
        } else if (outcome instanceof RefundAnomalyReported anomaly) {
            apply(id, LifecycleEvent.REFUND_ANOMALY, outcome, metadata, anomaly.getReason(), (before, after) -> {
                if (anomaly.getRefundId() != null) {
                    refunds.completed(anomaly.getRefundId(), "ANOMALY", anomaly.getReason());
                }
            });
        } else {
            throw new IllegalArgumentException("not a bank outcome: " + outcome.getClass().getName());
        }
    }

    private void apply(String applicationId, LifecycleEvent event, SpecificRecord outcome, EventMetadata metadata,
                       String detail, ApplicationTransitions.Effects effects) {
        transitions.apply(applicationId, event, BigDecimal.ZERO, cause(outcome, metadata, detail), true, (before, after) -> {
            if (effects != null) {
                effects.apply(before, after);
            }
            announce(before, after, outcome, metadata, before.refundedTotal(), detail);
        });
    }

    private void announce(ApplicationRow before, ApplicationStatus after, SpecificRecord outcome, EventMetadata metadata,
                          BigDecimal refundedTotal, String detail) {
        BankApplicationCreated bankApplication = outcome instanceof BankApplicationCreated created ? created : before.bankApplication();
        messages.statusChanged(before, before.status(), after, outcome.getClass().getSimpleName(), refundedTotal,
                bankApplication, detail, metadata.getEventId());
    }

    private static ApplicationTransitions.Cause cause(SpecificRecord outcome, EventMetadata metadata, String detail) {
        return new ApplicationTransitions.Cause(metadata.getEventId(), outcome.getClass().getSimpleName(), "BANK", detail);
    }

    private BankApplicationRequested bankApplicationRequest(ApplicationRow application, PreApproved preApproved) {
        PreApprovalRequested original = application.preApprovalRequest();
        return BankApplicationRequested.newBuilder()
                .setMetadata(new EventMetadata(UUID.randomUUID().toString(), application.applicationId(),
                        application.merchantId(), preApproved.getMetadata().getOccurredAt(), application.correlationId(),
                        preApproved.getMetadata().getEventId()))
                .setOrderId(application.orderId()).setOrderDate(application.createdAt())
                .setBankCode(preApproved.getBankCode()).setPreApprovalReferenceId(preApproved.getPreApprovalReferenceId())
                .setTerm(application.term()).setTimeToLive(application.timeToLive())
                .setCustomer(original.getCustomer()).setCart(original.getCart())
                .build();
    }
}
